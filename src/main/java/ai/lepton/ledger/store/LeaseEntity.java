package ai.lepton.ledger.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A compute lease as the platform last saw it on the ledger; for listings only (the ledger is the truth). */
@Entity
@Table(name = "ledger_lease")
public class LeaseEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "lease_id")
    public String leaseId;
    @Column(name = "provider_project")
    public String providerProject;
    @Column(name = "consumer_project")
    public String consumerProject;
    /** OFFERED, ACTIVE, SETTLED or TERMINATED. */
    public String state;
    /** The offer's terms, as the ledger returned them (canonical JSON). */
    @Column(name = "terms_json")
    public String termsJson;
    @Column(name = "offered_at")
    public Instant offeredAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
