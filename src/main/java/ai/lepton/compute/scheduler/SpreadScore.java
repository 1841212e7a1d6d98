package ai.lepton.compute.scheduler;

/** Score for {@link ScoringStrategy#SPREAD} (Kubernetes {@code LeastAllocated}): 100 minus the binpack score. */
final class SpreadScore implements ScorePlugin {
    static final SpreadScore INSTANCE = new SpreadScore();

    @Override
    public String name() {
        return "Spread";
    }

    @Override
    public double score(Cycle c, int n) {
        return 100 - BinPackScore.mostAllocated(c.s, n, c.rc, c.rm, c.rg);
    }
}
