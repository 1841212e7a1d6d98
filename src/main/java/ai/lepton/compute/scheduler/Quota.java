package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * A project's resource quota. What counts against it is every admitted replica's request, placed or pending (as
 * Kubernetes' {@code ResourceQuota} counts pods, not their placement), so an admitted workload never needs more quota
 * later. A job replica that has ended (succeeded, failed, stopped) no longer counts, as a finished pod does not. Lowering a quota below current usage evicts nothing; it blocks new admissions until usage falls below.
 *
 * @param limit the most the project's admitted replicas may request together (the GPU model is ignored)
 * @param policy what happens to a workload (or scale-up) that would exceed the limit
 */
public record Quota(Resources limit, QuotaPolicy policy) {

    /** What to do with a request that would exceed a quota. */
    public enum QuotaPolicy {
        /** Refuse it; nothing changes. */
        REJECT,
        /**
         * Accept it but hold it, unscheduled, until enough of the project's quota is free; held requests are admitted
         * first come, first served, skipping those that still do not fit.
         */
        QUEUE
    }

    public Quota {
        Objects.requireNonNull(limit, "limit");
        policy = policy == null ? QuotaPolicy.REJECT : policy;
    }

    public static Quota of(long cpuMillis, long memoryMiB, int gpus, QuotaPolicy policy) {
        return new Quota(Resources.of(cpuMillis, memoryMiB, gpus), policy);
    }
}
