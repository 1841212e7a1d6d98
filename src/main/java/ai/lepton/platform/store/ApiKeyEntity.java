package ai.lepton.platform.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "api_key")
public class ApiKeyEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "project_id")
    public Long projectId;
    public String name;
    public String role;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "key_prefix")
    public String keyPrefix;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;
}
