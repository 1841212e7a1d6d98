package ai.lepton.compute.scheduler;

/** The metric an {@link AutoscalePolicy} targets. */
public enum MetricKind {
    /** Requests in flight per replica (a concurrency target, as Knative's {@code concurrency}). */
    IN_FLIGHT_PER_REPLICA,
    /** CPU use as a fraction of the CPU request, averaged over replicas (0.7 = 70 %), as the HPA's utilisation. */
    CPU_UTILISATION
}
