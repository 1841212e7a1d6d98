package ai.lepton.compute.scheduler;

import java.util.Map;

/**
 * A replica that is admitted but has no node.
 *
 * @param workload workload name
 * @param project owning project
 * @param replica replica id
 * @param priority the workload's priority
 * @param reason kube-scheduler style, e.g. {@code 0/50 nodes available: 30 insufficient cpu, 20 untolerated taint}:
 *        each node counted once under the first filter it failed, largest counts first; for a gang, the diagnosis of
 *        the replica that could not be placed, prefixed with {@code gang: }
 * @param reasonCounts the same counts by reason
 */
public record PendingReplica(String workload, String project, int replica, int priority, String reason,
        Map<String, Integer> reasonCounts) {

    public PendingReplica {
        reasonCounts = reasonCounts == null ? Map.of() : Map.copyOf(reasonCounts);
    }
}
