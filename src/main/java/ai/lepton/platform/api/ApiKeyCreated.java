package ai.lepton.platform.api;

import java.time.Instant;
import java.util.UUID;

/** An API key was created (the event never carries the secret). */
public record ApiKeyCreated(UUID eventId, Instant occurredAt, String project, long keyId, String name, Role role,
        String createdBy) implements DomainEvent {
}
