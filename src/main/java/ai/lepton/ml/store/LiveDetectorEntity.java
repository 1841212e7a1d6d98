package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "live_detector")
public class LiveDetectorEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String name;
    public String metric;
    /** A node name, or {@code *} for every node. */
    public String node;
    public double threshold;
    @Column(name = "options_json")
    public String optionsJson;
    @Column(name = "created_at")
    public Instant createdAt;
}
