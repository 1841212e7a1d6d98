package ai.lepton.compute.scheduler;

/** A Score extension point: ranks a feasible node for the cycle's workload from 0 (worst) to 100 (best). */
interface ScorePlugin {

    /** The name reported in {@link PluginScore#plugin()}. */
    String name();

    /** Score of node slot {@code n}, 0 to 100, as if the cycle's replica were added to it. */
    double score(Cycle c, int n);
}
