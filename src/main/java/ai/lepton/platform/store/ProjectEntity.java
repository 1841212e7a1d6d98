package ai.lepton.platform.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "project")
public class ProjectEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    public String description;
    @Column(name = "created_at")
    public Instant createdAt;
}
