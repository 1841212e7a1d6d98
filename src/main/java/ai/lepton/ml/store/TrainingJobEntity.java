package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "training_job")
public class TrainingJobEntity {
    @Id
    public String id;
    @Column(name = "project_id")
    public Long projectId;
    public String model;
    public String dataset;
    @Column(name = "dataset_version")
    public int datasetVersion;
    public String task;
    public String algorithm;
    public String target;
    @Column(name = "features_json")
    public String featuresJson;
    @Column(name = "hyperparameters_json")
    public String hyperparametersJson;
    @Column(name = "split_json")
    public String splitJson;
    public String state;
    public double progress;
    public String stage;
    public String error;
    @Column(name = "cancel_requested")
    public boolean cancelRequested;
    public String worker;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "model_version")
    public Integer modelVersion;
    @Column(name = "created_by")
    public String createdBy;
}
