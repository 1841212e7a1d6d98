package ai.lepton.compute.api;

/**
 * Where load figures for autoscaling come in. The serving side (or a node agent) reports; the compute module's
 * autoscaler reads the latest fresh sample of each workload. Implementations are thread-safe.
 */
public interface WorkloadMetrics {

    /** Requests in flight or queued for a workload now, across all its replicas. */
    void inFlight(String project, String workload, long requests);

    /** CPU use of a workload as a fraction of its request, averaged over its replicas (0.7 = 70 %). */
    void cpuUtilisation(String project, String workload, double fraction);
}
