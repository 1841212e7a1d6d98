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
    /** Jobs: {@code Running}, {@code Succeeded} or {@code Failed}; null for deployments. */
    @Column(name = "job_state")
    public String jobState;
    /** Jobs: failed replica runs that were run again, over the whole job. */
    public Integer retries;
    /** Jobs: when the first replica was placed. */
    @Column(name = "started_at")
    public Instant startedAt;
    /** Jobs: when the job succeeded or failed. */
    @Column(name = "finished_at")
    public Instant finishedAt;
    /** Jobs: when the scheduling loop deletes it ({@code finishedAt + ttlSecondsAfterFinished}); null: kept. */
    @Column(name = "expires_at")
    public Instant expiresAt;
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
