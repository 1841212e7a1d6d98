package ai.lepton.compute.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "compute_workload")
public class WorkloadEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String project;
    public String name;
    /** Submission order, which {@code Scheduler.restore} needs. */
    public long seq;
    public String type;
    /** The desired replica count (the spec's, kept current by scaling). */
    public int replicas;
    /**
     * Replicas the project's quota admitted (placed or pending); fewer than {@link #replicas} while a scale-up waits
     * for quota. Null in rows written before it was stored (see {@code Scheduler.restore}).
     */
    public Integer admitted;
    @Column(name = "spec_json")
    public String specJson;
    @Column(name = "last_placement_json")
    public String lastPlacementJson;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    /** The scheduler's name of this workload. */
    public String qualifiedName() {
        return project + "/" + name;
    }
}
