package ai.lepton.compute.scheduler;

import java.util.OptionalDouble;

/** Where the {@link Autoscaler} reads a workload's load; implemented by the telemetry side. */
public interface MetricSource {

    /**
     * The metric averaged over the workload's ready replicas: in-flight requests per replica, or CPU utilisation as
     * a fraction of the request. Empty when there is no fresh sample (the autoscaler then keeps the replica count).
     */
    OptionalDouble average(String workload, MetricKind kind);

    /**
     * Requests in flight or waiting for the workload now, across its replicas and any queue in front of them (the
     * activator's, when scaled to zero). Zero means idle; it drives scale-to-zero and scale-from-zero.
     */
    long requests(String workload);
}
