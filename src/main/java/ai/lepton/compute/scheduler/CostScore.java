package ai.lepton.compute.scheduler;

/**
 * Score for {@link ScoringStrategy#COST}. The replica's cost per hour on a node is the node's price per hour times
 * the replica's dominant share of the node ({@code max(cpu/allocatableCpu, memory/allocatableMemory,
 * gpus/allocatableGpus)}): the slice of the node it keeps others from using. The score is
 * {@code 100 * (1 - cost / worst)}, with {@code worst} the largest such cost over the nodes that passed the static
 * filters (computed once per workload).
 */
final class CostScore implements ScorePlugin {
    static final CostScore INSTANCE = new CostScore();

    @Override
    public String name() {
        return "Cost";
    }

    static double replicaCost(Cycle c, int n) {
        ClusterState s = c.s;
        double share = Math.max(c.rc * s.invCpu[n], Math.max(c.rm * s.invMem[n], c.rg * s.invGpu[n]));
        return s.cost[n] * share;
    }

    @Override
    public double score(Cycle c, int n) {
        return c.refCost > 0 ? 100 * (1 - replicaCost(c, n) / c.refCost) : 100;
    }
}
