package ai.lepton.compute.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A replica of a workload was bound to a node.
 *
 * @param eventId event id
 * @param occurredAt when
 * @param project owning project
 * @param workload workload name within the project
 * @param replica replica id
 * @param node the node
 * @param priority the workload's priority
 * @param explanation the score breakdown behind the choice (null when none was computed)
 */
public record WorkloadPlaced(UUID eventId, Instant occurredAt, String project, String workload, int replica,
        String node, int priority, PlacementExplanation explanation) implements DomainEvent {
}
