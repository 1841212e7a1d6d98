package ai.lepton.ml.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "serving_endpoint")
public class EndpointEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String name;
    public String model;
    @Column(name = "routes_json")
    public String routesJson;
    public int revision;
    /** The compute deployment the endpoint runs on (a workload name in the same project); null: none. */
    public String workload;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
