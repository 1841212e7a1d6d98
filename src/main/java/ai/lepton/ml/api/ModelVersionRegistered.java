package ai.lepton.ml.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/** A trained model version was registered. */
public record ModelVersionRegistered(UUID eventId, Instant occurredAt, String project, String model, int version,
        String artifactSha256, String dataset, int datasetVersion, String datasetSha256, String trainingJob)
        implements DomainEvent {
}
