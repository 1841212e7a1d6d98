package ai.lepton.compute.scheduler;

/**
 * The decision on a workload or a scale-up: quota admission, or the refusal of a gang scale-up that cannot be placed
 * whole.
 *
 * @param workload workload name
 * @param project owning project
 * @param decision admitted, queued or rejected
 * @param replicas the replica count asked for
 * @param detail why, for queued and rejected
 */
public record Admission(String workload, String project, Decision decision, int replicas, String detail) {

    /** Outcome of the quota check. */
    public enum Decision {
        /** Within quota (or no quota); the replicas are scheduled. */
        ADMITTED,
        /** Over quota under {@link Quota.QuotaPolicy#QUEUE}; held until quota frees up. */
        QUEUED,
        /** Over quota under {@link Quota.QuotaPolicy#REJECT}; nothing changed. */
        REJECTED,
        /**
         * Within quota, but the replicas added to a placed gang cannot all be placed now (a gang runs whole or not at
         * all, and its running replicas are not taken down to grow it); nothing changed.
         */
        UNPLACEABLE
    }
}
