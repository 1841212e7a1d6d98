package ai.lepton.platform.api;

import java.time.Instant;
import java.util.UUID;

/** A project was created. */
public record ProjectCreated(UUID eventId, Instant occurredAt, String project, String createdBy) implements DomainEvent {
}
