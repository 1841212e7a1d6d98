package ai.lepton.compute.api;

import java.time.Instant;
import java.util.List;

/**
 * A workload and where its replicas are.
 *
 * @param project owning project
 * @param name workload name
 * @param type job or deployment
 * @param priority the resolved priority
 * @param desiredReplicas replicas asked for
 * @param admittedReplicas replicas admitted by the project's quota
 * @param queued whether replicas wait for quota
 * @param running replicas bound to a node
 * @param replicas every admitted replica, with its node or its pending reason
 * @param lastPlacement the score breakdown of the last placement of one of its replicas
 * @param spec the spec as submitted (replicas kept current)
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record WorkloadView(String project, String name, String type, int priority, int desiredReplicas,
        int admittedReplicas, boolean queued, int running, List<Replica> replicas,
        PlacementExplanation lastPlacement, WorkloadSpec spec, Instant createdAt, Instant updatedAt) {

    /**
     * One replica.
     *
     * @param replica replica id
     * @param node node name, null while pending
     * @param state {@code Running} or {@code Pending}
     * @param reason for pending replicas, e.g. {@code 0/50 nodes available: 30 insufficient cpu, 20 untolerated taint}
     */
    public record Replica(int replica, String node, String state, String reason) {
    }
}
