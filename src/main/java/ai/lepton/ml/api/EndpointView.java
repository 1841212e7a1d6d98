package ai.lepton.ml.api;

import java.time.Instant;
import java.util.List;

/**
 * A serving endpoint.
 *
 * @param name endpoint name
 * @param model registry model it serves
 * @param routes versions and their traffic weights
 * @param revision incremented on every redeploy
 * @param workload the compute deployment (in the same project) it runs on, or null: its in-flight requests drive
 *     that deployment's autoscaler and its requests are routed over that deployment's replicas
 * @param inFlight requests in flight on this endpoint in the answering process (predicting or queued)
 * @param replicas the replicas of {@code workload} requests are routed to in the answering process, with their
 *     allocation weights and the requests routed to each since the process started; empty without a workload or
 *     while none of its replicas is placed
 * @param createdAt creation time
 * @param updatedAt last redeploy
 */
public record EndpointView(String name, String model, List<Route> routes, int revision, String workload,
        long inFlight, List<ReplicaTraffic> replicas, Instant createdAt, Instant updatedAt) {

    /**
     * One replica of the endpoint's workload as the request router sees it.
     *
     * @param replica replica id in the workload
     * @param node the node it is placed on
     * @param weight its traffic allocation weight λ (the weights sum to 1)
     * @param requests requests routed to it
     */
    public record ReplicaTraffic(int replica, String node, double weight, long requests) {
    }
}
