package ai.lepton.ml.api;

import ai.lepton.platform.api.DomainEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * A live detector scored a telemetry point at or above its threshold.
 *
 * @param detector the live detector's name in the project
 * @param node     the node the point came from
 * @param metric   the metric
 * @param at       the point's timestamp
 * @param value    the point's value
 * @param score    its anomaly score in [0, 1]
 * @param threshold the detector's threshold
 */
public record AnomalyDetected(UUID eventId, Instant occurredAt, String project, String detector, String node,
        String metric, Instant at, double value, double score, double threshold) implements DomainEvent {
}
