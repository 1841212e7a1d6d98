package ai.lepton.compute.scheduler;

/**
 * Score for {@link ScoringStrategy#ENERGY}, from each node's {@link PowerModel}. With {@code u} the busier of the
 * node's CPU and GPU fractions, adding the replica costs
 * {@code marginal = (node empty ? idleWatts : 0) + (maxWatts - idleWatts) * (u' - u)}: an empty node is assumed
 * powered down, so using it pays its idle draw as well. The score is
 * {@code 90 * (1 - marginal / W) + 0.1 * binpack} where {@code W} is the largest {@code maxWatts} in the cluster
 * (so scores compare watts across nodes); the binpack tenth prefers the busier of two equally efficient nodes, which
 * empties the others so they can be powered down.
 */
final class EnergyScore implements ScorePlugin {
    static final EnergyScore INSTANCE = new EnergyScore();

    @Override
    public String name() {
        return "Energy";
    }

    static double marginalWatts(Cycle c, int n) {
        ClusterState s = c.s;
        double cpu = s.usedCpu[n] * s.invCpu[n];
        double gpu = s.usedGpu[n] * s.invGpu[n];
        double before = Math.max(cpu, gpu);
        double after = Math.max(cpu + c.rc * s.invCpu[n], gpu + c.rg * s.invGpu[n]);
        double m = s.dynW[n] * (Math.min(after, 1) - Math.min(before, 1));
        return s.count[n] == 0 ? m + s.idleW[n] : m;
    }

    @Override
    public double score(Cycle c, int n) {
        double w = c.s.maxWatts;
        double watts = w > 0 ? 100 * (1 - marginalWatts(c, n) / w) : 100;
        return 0.9 * watts + 0.1 * BinPackScore.mostAllocated(c.s, n, c.rc, c.rm, c.rg);
    }
}
