package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "model_version")
public class ModelVersionEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "model_id")
    public Long modelId;
    public int version;
    public String task;
    public String algorithm;
    @Column(name = "metrics_json")
    public String metricsJson;
    @Column(name = "features_json")
    public String featuresJson;
    public String target;
    public String dataset;
    @Column(name = "dataset_version")
    public int datasetVersion;
    @Column(name = "dataset_sha256")
    public String datasetSha256;
    @Column(name = "hyperparameters_json")
    public String hyperparametersJson;
    public long seed;
    @Column(name = "provenance_json")
    public String provenanceJson;
    @Column(name = "artifact_sha256")
    public String artifactSha256;
    @Column(name = "artifact_bytes")
    public long artifactBytes;
    public String stage;
    @Column(name = "training_job")
    public String trainingJob;
    @Column(name = "created_at")
    public Instant createdAt;
}
