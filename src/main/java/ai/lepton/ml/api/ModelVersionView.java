package ai.lepton.ml.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A registered model version with everything needed to know how it was made.
 *
 * @param model registry name
 * @param version 1, 2, ...
 * @param task task
 * @param algorithm algorithm
 * @param metrics evaluation on the held-out test split
 * @param features the feature schema inputs are validated against
 * @param target target column, or null
 * @param dataset lineage: dataset name, version and SHA-256
 * @param hyperparameters hyperparameters used
 * @param seed the split and trainer seed
 * @param provenance Tribuo's own provenance of the model, as JSON
 * @param artifactSha256 SHA-256 of the stored Tribuo protobuf model
 * @param artifactBytes its size
 * @param stage stage
 * @param aliases aliases pointing at this version, e.g. {@code champion}
 * @param trainingJob the job that produced it
 * @param createdAt registration time
 */
public record ModelVersionView(String model, int version, Task task, Algorithm algorithm, Map<String, Object> metrics,
        List<FeatureSchema> features, String target, DatasetRef dataset, Map<String, Object> hyperparameters,
        long seed, JsonNode provenance, String artifactSha256, long artifactBytes, Stage stage, List<String> aliases,
        String trainingJob, Instant createdAt) {
}
