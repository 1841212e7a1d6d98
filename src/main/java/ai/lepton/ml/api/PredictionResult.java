package ai.lepton.ml.api;

import java.util.Map;

/**
 * The prediction for one instance.
 *
 * @param version the model version that answered (it differs between instances of a canary endpoint)
 * @param prediction the label (classification), the value (regression), the cluster number (clustering), or
 *     {@code ANOMALOUS}/{@code EXPECTED} (anomaly)
 * @param scores per-label probabilities or scores (classification), the anomaly score (anomaly), else empty
 */
public record PredictionResult(int version, Object prediction, Map<String, Double> scores) {
}
