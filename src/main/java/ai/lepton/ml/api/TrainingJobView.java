package ai.lepton.ml.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A training job as the API shows it.
 *
 * @param id job id
 * @param model registry name the result is registered under
 * @param dataset dataset name
 * @param version dataset version
 * @param task task
 * @param algorithm algorithm
 * @param target target column (null for clustering; optional label column for anomaly)
 * @param features feature columns
 * @param hyperparameters validated hyperparameters, defaults filled in
 * @param split split and seed
 * @param state state
 * @param progress 0 to 1
 * @param stage what the job is doing now, in words
 * @param error why it failed, if it did
 * @param createdAt submission time
 * @param startedAt when a worker took it
 * @param finishedAt when it ended
 * @param modelVersion the registered version, on success
 */
public record TrainingJobView(String id, String model, String dataset, int version, Task task, Algorithm algorithm,
        String target, List<String> features, Map<String, Object> hyperparameters, Split split, JobState state,
        double progress, String stage, String error, Instant createdAt, Instant startedAt, Instant finishedAt,
        Integer modelVersion) {
}
