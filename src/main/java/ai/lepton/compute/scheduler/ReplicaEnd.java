package ai.lepton.compute.scheduler;

/**
 * A job replica that stopped running in an operation: it exited (succeeded or failed) or was stopped because its job
 * failed.
 *
 * @param workload workload name
 * @param project owning project
 * @param replica replica id
 * @param node the node it ran on; null for a pending replica that was stopped
 * @param outcome {@link ReplicaOutcome#FAILED} with {@code retried} for a failure that is run again
 * @param retried whether the replica was re-queued to run again (it is pending, or placed again in the same result)
 * @param detail a sentence for people, e.g. {@code failed on node gpu-3; retry 1 of 3}
 */
public record ReplicaEnd(String workload, String project, int replica, String node, ReplicaOutcome outcome,
        boolean retried, String detail) {
}
