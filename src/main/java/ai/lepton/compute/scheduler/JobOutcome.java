package ai.lepton.compute.scheduler;

/**
 * A job that finished in an operation.
 *
 * @param workload workload name
 * @param project owning project
 * @param state {@link JobState#SUCCEEDED} or {@link JobState#FAILED}
 * @param replicas the job's replica count
 * @param retries retries used over the whole job
 * @param detail a sentence for people, e.g. {@code replica 2 failed on node gpu-3 with no retries left (3 of 3 used)}
 */
public record JobOutcome(String workload, String project, JobState state, int replicas, int retries, String detail) {
}
