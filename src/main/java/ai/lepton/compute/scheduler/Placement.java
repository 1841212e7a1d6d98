package ai.lepton.compute.scheduler;

/**
 * A replica bound to a node.
 *
 * @param workload workload name
 * @param project owning project
 * @param replica the replica's id within its workload (stable for its life; not reused)
 * @param node node name
 * @param priority the workload's priority
 * @param explanation why this node (null for bindings restored from persisted state)
 */
public record Placement(String workload, String project, int replica, String node, int priority,
        ScoreBreakdown explanation) {
}
