package ai.lepton.compute.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A replica was taken off its node (preempted, drained, node removed...). It is pending afterwards unless a
 * {@link WorkloadPlaced} of the same replica follows, or unless the cause is {@code job-failed}: then another replica
 * failed its job (see {@link JobFinished}) and this one was stopped for good.
 *
 * @param eventId event id
 * @param occurredAt when
 * @param project owning project
 * @param workload workload name within the project
 * @param replica replica id
 * @param node the node it was on
 * @param priority the workload's priority
 * @param cause {@code preempted}, {@code drained}, {@code node-removed}, {@code node-shrunk},
 *        {@code no-execute-taint}, {@code gang} or {@code job-failed}
 * @param detail a sentence for people, e.g. {@code preempted by web/3 (priority 1000)}
 */
public record ReplicaEvicted(UUID eventId, Instant occurredAt, String project, String workload, int replica,
        String node, int priority, String cause, String detail) implements DomainEvent {
}
