package ai.lepton.platform.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that happened, named in the past tense ({@code DatasetVersionCreated}). Written to the outbox in the same
 * transaction as the change it describes; serialised with Jackson, so implementations are plain records.
 */
public interface DomainEvent {

    /** Unique id; consumers de-duplicate on it. */
    UUID eventId();

    /** When the change happened. */
    Instant occurredAt();

    /** The project the event belongs to, or {@code null} for installation-wide events. */
    String project();

    /** Event type name; defaults to the record's simple class name. */
    default String eventType() {
        return getClass().getSimpleName();
    }
}
