package ai.lepton.platform.api;

import java.time.Instant;
import java.util.UUID;

/** An API key was revoked. */
public record ApiKeyRevoked(UUID eventId, Instant occurredAt, String project, long keyId, String revokedBy)
        implements DomainEvent {
}
