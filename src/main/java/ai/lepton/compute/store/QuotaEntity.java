package ai.lepton.compute.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "compute_quota")
public class QuotaEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String project;
    @Column(name = "cpu_millis")
    public long cpuMillis;
    @Column(name = "memory_mib")
    public long memoryMiB;
    public int gpus;
    public String policy;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
