package ai.lepton.compute.store;

import jakarta.persistence.*;
import java.time.Instant;

/** A job replica that ended at least once: its last end, and how often it was run again. */
@Entity
@Table(name = "compute_job_replica")
public class JobReplicaEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** The scheduler's workload name, {@code project/name}. */
    public String workload;
    public int replica;
    /** {@code Succeeded}, {@code Failed} or {@code Stopped} once it ended for good; null while it runs again. */
    public String outcome;
    /** The node its last run ended on; null for a replica stopped while pending. */
    public String node;
    @Column(name = "exit_code")
    public Integer exitCode;
    /** What the reporter said about its last end. */
    public String message;
    /** What the scheduler said about its last end, e.g. why it was stopped. */
    public String detail;
    /** Runs after a failure so far (its current run is attempt {@code restarts}). */
    public int restarts;
    @Column(name = "ended_at")
    public Instant endedAt;
}
