package ai.lepton.ledger.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One digest to anchor (from one event), pending until it joins a batch. */
@Entity
@Table(name = "ledger_anchor")
public class AnchorEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "project_id")
    public Long projectId;
    /** The full ledger subject, project included: {@code dataset:acme/sales/3}. */
    public String subject;
    /** dataset, model or placement. */
    public String kind;
    public String sha256;
    @Column(name = "batch_id")
    public Long batchId;
    @Column(name = "leaf_index")
    public Integer leafIndex;
    @Column(name = "proof_json")
    public String proofJson;
    @Column(name = "created_at")
    public Instant createdAt;
}
