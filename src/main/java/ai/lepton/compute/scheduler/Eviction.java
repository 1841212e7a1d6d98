package ai.lepton.compute.scheduler;

/**
 * A replica taken off a node. It is pending afterwards (and re-queued) unless the same operation placed it again,
 * which then shows as a {@link Placement} in the same result, or unless its cause is {@link Cause#JOB_FAILED}: then it
 * has ended, {@link ReplicaOutcome#STOPPED}.
 *
 * @param workload workload name
 * @param project owning project
 * @param replica replica id
 * @param node the node it was on
 * @param priority the workload's priority
 * @param cause why
 * @param detail a sentence for people, e.g. {@code preempted by web/3 (priority 1000)}
 */
public record Eviction(String workload, String project, int replica, String node, int priority, Cause cause,
        String detail) {

    /** Why a replica was evicted. */
    public enum Cause {
        /** To make room for a pending replica of higher priority. */
        PREEMPTED,
        /** Its node was drained (it may have been placed elsewhere in the same operation). */
        DRAINED,
        /** Its node was removed. */
        NODE_REMOVED,
        /** Its node's allocatable resources shrank below what was bound; lowest priority went first. */
        NODE_SHRUNK,
        /** Its node got a NoExecute taint it does not tolerate. */
        NO_EXECUTE_TAINT,
        /** Another replica of its gang lost its node, and a gang runs whole or not at all. */
        GANG,
        /** Another replica of its job failed with no retries left, so the job failed and its replicas are stopped. */
        JOB_FAILED
    }
}
