package ai.lepton.compute.scheduler;

import java.util.List;
import java.util.Objects;

/**
 * A job's progress: what a service persists besides bindings and admitted counts, and gives back to
 * {@link Scheduler#restore}.
 *
 * @param state running, succeeded or failed
 * @param retries failed replica runs that were run again, counted over the whole job (Kubernetes' backoffLimit counts
 *        the same way); at most the workload's {@link Workload#maxRetries()}
 * @param ended the replicas that ended (succeeded, failed for good, or stopped), by replica id
 */
public record JobProgress(JobState state, int retries, List<EndedReplica> ended) {

    public JobProgress {
        Objects.requireNonNull(state, "state");
        ended = List.copyOf(ended);
    }
}
