package ai.lepton.compute.scheduler;

/**
 * A Filter extension point (Kubernetes scheduling framework): rules a node in or out for the cycle's workload.
 * Filters run in {@link Cycle#FILTERS} order and a node is counted under the first one that rejects it.
 */
interface FilterPlugin {

    /** The plugin's name, as Kubernetes names its counterpart. */
    String name();

    /** PreFilter: whether the plugin has anything to check for the cycle's workload (skipped otherwise). */
    boolean relevant(Cycle c);

    /** Null if node slot {@code n} passes, else why not. */
    Reason check(Cycle c, int n);
}
