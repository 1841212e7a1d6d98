package ai.lepton.compute.scheduler;

/**
 * Score for {@link ScoringStrategy#BINPACK} (Kubernetes {@code NodeResourcesFit} with {@code MostAllocated}): the mean
 * of {@code (allocated + request) / allocatable} over CPU, memory and, on nodes with GPUs, GPUs, times 100. Counting
 * GPUs on GPU nodes makes CPU-only replicas score lower there, which keeps GPU nodes for GPU work.
 */
final class BinPackScore implements ScorePlugin {
    static final BinPackScore INSTANCE = new BinPackScore();

    @Override
    public String name() {
        return "BinPack";
    }

    @Override
    public double score(Cycle c, int n) {
        return mostAllocated(c.s, n, c.rc, c.rm, c.rg);
    }

    static double mostAllocated(ClusterState s, int n, long rc, long rm, int rg) {
        double sum = (s.usedCpu[n] + rc) * s.invCpu[n] + (s.usedMem[n] + rm) * s.invMem[n];
        if (s.allocGpu[n] > 0) {
            return 100.0 / 3 * (sum + (s.usedGpu[n] + rg) * s.invGpu[n]);
        }
        return 50.0 * sum;
    }
}
