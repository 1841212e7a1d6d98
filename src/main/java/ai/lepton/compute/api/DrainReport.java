package ai.lepton.compute.api;

import java.util.List;

/**
 * What draining a node did.
 *
 * @param node the node afterwards (state {@code Draining}, empty)
 * @param moved replicas taken off the node and placed elsewhere
 * @param pending replicas now without a node, with the reason
 * @param evicted other replicas evicted by the drain: drained ones that fit nowhere, and lower-priority replicas
 *        elsewhere preempted to make room for moved ones
 */
public record DrainReport(NodeView node, List<Moved> moved, List<PendingReplicaView> pending,
        List<EvictedReplica> evicted) {

    /**
     * A replica moved to another node.
     *
     * @param project project
     * @param workload workload
     * @param replica replica id
     * @param from the drained node
     * @param to its new node
     */
    public record Moved(String project, String workload, int replica, String from, String to) {
    }

    /**
     * A replica without a node.
     *
     * @param project project
     * @param workload workload
     * @param replica replica id
     * @param reason kube-scheduler style, e.g. {@code 0/50 nodes available: 30 insufficient cpu}
     */
    public record PendingReplicaView(String project, String workload, int replica, String reason) {
    }

    /**
     * A replica taken off a node.
     *
     * @param project project
     * @param workload workload
     * @param replica replica id
     * @param node the node it was on
     * @param cause {@code preempted}, {@code drained}, {@code node-removed}, {@code node-shrunk},
     *        {@code no-execute-taint} or {@code gang}
     * @param detail a sentence for people
     */
    public record EvictedReplica(String project, String workload, int replica, String node, String cause,
            String detail) {
    }
}
