package ai.lepton.compute.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A job finished: every replica succeeded, or a replica failed with no retries left (its other replicas were stopped,
 * each a {@link ReplicaEvicted} with cause {@code job-failed} if it was running).
 *
 * @param eventId event id
 * @param occurredAt when
 * @param project owning project
 * @param workload job name within the project
 * @param state {@code Succeeded} or {@code Failed}
 * @param replicas the job's replica count
 * @param retries failed replica runs that were run again, over the whole job
 * @param detail a sentence for people, e.g. {@code replica 2 failed on node gpu-3 with no retries left (3 of 3 used)}
 */
public record JobFinished(UUID eventId, Instant occurredAt, String project, String workload, String state,
        int replicas, int retries, String detail) implements DomainEvent {
}
