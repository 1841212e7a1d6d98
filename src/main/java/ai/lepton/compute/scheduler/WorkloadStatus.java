package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * A workload as the scheduler holds it.
 *
 * @param workload the spec ({@code replicas} is the count asked for)
 * @param admittedReplicas how many replicas quota admitted (ended job replicas included, though they no longer count
 *        against the quota); fewer than asked while a request is queued
 * @param bindings the placed replicas
 * @param pending the admitted replicas without a node that have not ended
 * @param job for a job, its state, retries used and ended replicas; null for a deployment
 */
public record WorkloadStatus(Workload workload, int admittedReplicas, List<Binding> bindings,
        List<PendingReplica> pending, JobProgress job) {

    public WorkloadStatus {
        bindings = List.copyOf(bindings);
        pending = List.copyOf(pending);
    }

    /** Whether a quota-queued request is waiting (never for a finished job). */
    public boolean queued() {
        return admittedReplicas < workload.replicas() && (job == null || !job.state().finished());
    }

    /** The job's ended replicas; empty for a deployment. */
    public List<EndedReplica> ended() {
        return job == null ? List.of() : job.ended();
    }
}
