package ai.lepton.ledger.service;

import ai.lepton.ledger.anchor.MerkleTree;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.ProofStep;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.config.LedgerConfig;
import ai.lepton.ledger.store.AnchorEntity;
import ai.lepton.ledger.store.AnchorRepository;
import ai.lepton.ledger.store.BatchEntity;
import ai.lepton.ledger.store.BatchRepository;
import ai.lepton.platform.api.store.Sessions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals pending anchors into Merkle batches and anchors each batch's root with one {@code Provenance:anchorBatch}
 * transaction.
 *
 * <p>Crash safety: a batch is first sealed in the database (root, members, their inclusion proofs) and only then
 * submitted; a batch still {@code SEALED} after a crash or a ledger outage is submitted again on the next round.
 * {@code anchorBatch} is idempotent for the same root, count and metadata, so a batch the ledger had already taken
 * before the crash gets its original transaction back instead of a second anchor. Sealing claims rows with a
 * conditional update, so replicas running this concurrently never put one row into two batches.
 */
@ApplicationScoped
public class AnchorBatcher {

    static final TypeReference<List<ProofStep>> PROOF = new TypeReference<>() {
    };
    private static final int MAX_RETRY_BATCHES = 64;

    private final LedgerHost host;
    private final AnchorRepository anchors;
    private final BatchRepository batches;
    private final Sessions sessions;
    private final LedgerConfig config;
    private final ObjectMapper mapper;

    /** What one round did. */
    public record Round(int sealed, int anchored, int anchoredLeaves, int failed) {
    }

    public AnchorBatcher(LedgerHost host, AnchorRepository anchors, BatchRepository batches, Sessions sessions,
            LedgerConfig config, ObjectMapper mapper) {
        this.host = host;
        this.anchors = anchors;
        this.batches = batches;
        this.sessions = sessions;
        this.config = config;
        this.mapper = mapper;
    }

    @Scheduled(every = "${lepton.ledger.anchoring.interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!config.anchoring().enabled() || !host.ready()) {
            return;
        }
        try {
            flush();
        } catch (RuntimeException e) {
            Log.warnf("ledger anchoring round failed, retried next round: %s", e.getMessage());
        }
    }

    /**
     * Anchors every sealed batch, then seals and anchors what is pending, batch by batch. Stops at the first batch the
     * ledger could not take (it stays sealed and is retried next round).
     */
    public synchronized Round flush() {
        int sealed = 0;
        int anchored = 0;
        int leaves = 0;
        int failed = 0;
        List<Long> retry = QuarkusTransaction.requiringNew().call(
                () -> batches.sealed(MAX_RETRY_BATCHES).stream().map(b -> b.id).toList());
        for (Long id : retry) {
            int n = submit(id);
            if (n < 0) {
                return new Round(sealed, anchored, leaves, failed + 1);
            }
            anchored++;
            leaves += n;
        }
        while (true) {
            Long id = seal();
            if (id == null) {
                break;
            }
            sealed++;
            int n = submit(id);
            if (n < 0) {
                failed++;
                break;
            }
            anchored++;
            leaves += n;
        }
        if (anchored > 0 || failed > 0) {
            Log.infof("ledger anchoring: %d batches sealed, %d anchored (%d digests), %d failed", sealed, anchored,
                    leaves, failed);
        }
        return new Round(sealed, anchored, leaves, failed);
    }

    /** Seals up to a batch of pending anchors; the new batch's id, or null when nothing is pending. */
    Long seal() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<AnchorEntity> pending = anchors.pending(config.anchoring().batchSize());
            if (pending.isEmpty()) {
                return null;
            }
            List<byte[]> leaves = new ArrayList<>(pending.size());
            for (AnchorEntity a : pending) {
                leaves.add(MerkleTree.leafHash(a.subject, a.sha256));
            }
            MerkleTree tree = MerkleTree.of(leaves);
            BatchEntity b = new BatchEntity();
            b.merkleRoot = tree.rootHex();
            b.leafCount = tree.size();
            b.state = BatchEntity.SEALED;
            b.createdAt = Instant.now();
            b.metadataJson = "{}"; // replaced below: the metadata names the batch id, known after the insert
            batches.persist(b);
            sessions.current().flush();
            b.metadataJson = metadata(b.id);
            for (int i = 0; i < pending.size(); i++) {
                int claimed = sessions.current().createMutationQuery("update AnchorEntity set batchId = ?1, "
                        + "leafIndex = ?2, proofJson = ?3 where id = ?4 and batchId is null").setParameter(1, b.id)
                        .setParameter(2, i).setParameter(3, json(tree.proof(i))).setParameter(4, pending.get(i).id)
                        .executeUpdate();
                if (claimed != 1) {
                    throw new IllegalStateException("anchor " + pending.get(i).id + " was sealed concurrently");
                }
            }
            return b.id;
        });
    }

    /** Submits a sealed batch; the number of leaves it anchored, or -1 when the ledger did not take it. */
    int submit(long batchId) {
        BatchEntity b = QuarkusTransaction.requiringNew().call(() -> batches.findById(batchId).orElseThrow());
        if (!BatchEntity.SEALED.equals(b.state)) {
            return b.leafCount;
        }
        Receipt r;
        try {
            r = host.ledger().submit(host.operator(), "Provenance:anchorBatch", b.merkleRoot,
                    Integer.toString(b.leafCount), b.metadataJson);
        } catch (LedgerException e) {
            record(batchId, null, null, "ledger unavailable: " + e.getMessage());
            Log.warnf("ledger anchoring: batch %d (root %s) not anchored, retried later: %s", batchId, b.merkleRoot,
                    e.getMessage());
            return -1;
        }
        if (!r.valid()) {
            record(batchId, null, null, r.status() + " in tx " + r.txId() + ": " + r.message());
            Log.warnf("ledger anchoring: batch %d (root %s) refused in tx %s: %s %s", batchId, b.merkleRoot, r.txId(),
                    r.status(), r.message());
            return -1;
        }
        String txId = r.txId();
        Long block = r.blockNumber();
        try {
            JsonNode anchor = mapper.readTree(r.payloadUtf8());
            String original = anchor.path("txId").asText(txId);
            if (!original.equals(txId)) {
                // the ledger had this root already (a crash before we recorded it): keep the original transaction
                Log.infof("ledger anchoring: batch %d was already anchored in tx %s", batchId, original);
                txId = original;
                block = null;
            }
        } catch (JsonProcessingException e) {
            throw new LedgerException("anchorBatch returned no BatchAnchor JSON in tx " + r.txId(), e);
        }
        record(batchId, txId, block, null);
        return b.leafCount;
    }

    private void record(long batchId, String txId, Long block, String error) {
        QuarkusTransaction.requiringNew().run(() -> {
            BatchEntity b = batches.findById(batchId).orElseThrow();
            if (error != null) {
                b.attempts++;
                b.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
                return;
            }
            b.state = BatchEntity.ANCHORED;
            b.txId = txId;
            b.blockNumber = block;
            b.anchoredAt = Instant.now();
            b.attempts++;
            b.lastError = null;
        });
    }

    /** What {@code anchorBatch} records about a batch: enough to recompute its root without this code. */
    static String metadata(long batchId) {
        return "{\"batch\":" + batchId + ",\"leaf\":\"sha256(0x00||utf8(subject+'\\\\n'+sha256))\","
                + "\"node\":\"sha256(0x01||left||right)\",\"tree\":\"rfc6962\"}";
    }

    private String json(List<ProofStep> proof) {
        try {
            return mapper.writeValueAsString(proof);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
