package ai.lepton.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * An event as it travels through the bus and reaches consumers.
 *
 * @param id event id
 * @param type event type, e.g. {@code DatasetVersionCreated}
 * @param project project name, or null
 * @param occurredAt when it happened
 * @param payload the event record as JSON
 */
public record EventEnvelope(UUID id, String type, String project, Instant occurredAt, JsonNode payload) {
}
