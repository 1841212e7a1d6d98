package ai.lepton.ledger.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sealed Merkle batch: SEALED until its root is anchored, then ANCHORED with the transaction and block. */
@Entity
@Table(name = "ledger_batch")
public class BatchEntity {
    public static final String SEALED = "SEALED";
    public static final String ANCHORED = "ANCHORED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "merkle_root")
    public String merkleRoot;
    @Column(name = "leaf_count")
    public int leafCount;
    @Column(name = "metadata_json")
    public String metadataJson;
    public String state;
    @Column(name = "tx_id")
    public String txId;
    @Column(name = "block_number")
    public Long blockNumber;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "anchored_at")
    public Instant anchoredAt;
}
