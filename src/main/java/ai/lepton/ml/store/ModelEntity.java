package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "ml_model")
public class ModelEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String name;
    @Column(name = "created_at")
    public Instant createdAt;
}
