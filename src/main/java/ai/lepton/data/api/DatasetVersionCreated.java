package ai.lepton.data.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A new dataset version was stored.
 *
 * @param eventId event id
 * @param occurredAt when
 * @param project project name
 * @param dataset dataset name
 * @param version version number
 * @param sha256 content digest
 * @param rows rows stored
 * @param parent parent version or null
 * @param source source as recorded
 */
public record DatasetVersionCreated(UUID eventId, Instant occurredAt, String project, String dataset, int version,
        String sha256, long rows, Integer parent, String source) implements DomainEvent {
}
