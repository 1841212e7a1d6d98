package ai.lepton.ledger.service;

import static ai.lepton.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.store.BatchEntity;
import ai.lepton.ledger.store.BatchRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two crash windows of anchoring, replayed on the real ledger and database: a batch sealed but never submitted,
 * and a batch the ledger took whose transaction was never recorded. Neither loses a digest or anchors one twice.
 */
@QuarkusTest
class AnchorBatcherTest {

    @Inject
    AnchorBatcher batcher;
    @Inject
    BatchRepository batches;
    @Inject
    LedgerHost host;

    @Test
    void aBatchSealedBeforeACrashIsAnchoredByTheNextRound() {
        String p = pendingDataset("sealed");
        Long id = batcher.seal(); // the process dies here: sealed in the database, never submitted
        assertThat(id).isNotNull();
        assertThat(batch(id).state).isEqualTo(BatchEntity.SEALED);
        admin().get("/api/projects/" + p + "/ledger/receipts").then().statusCode(200)
                .body("items[0].status", org.hamcrest.Matchers.equalTo("SEALED"));

        batcher.flush(); // the next round after the restart

        BatchEntity b = batch(id);
        assertThat(b.state).isEqualTo(BatchEntity.ANCHORED);
        assertThat(b.txId).hasSize(64);
        assertThat(b.blockNumber).isNotNull();
        admin().get("/api/projects/" + p + "/ledger/receipts").then().statusCode(200)
                .body("items[0].status", org.hamcrest.Matchers.equalTo("ANCHORED"))
                .body("items[0].txId", org.hamcrest.Matchers.equalTo(b.txId));
    }

    @Test
    void aBatchTheLedgerTookBeforeACrashKeepsItsOriginalTransaction() {
        String p = pendingDataset("taken");
        Long id = batcher.seal();
        BatchEntity sealed = batch(id);
        // the ledger commits the batch, then the process dies before the database records it
        Receipt first = host.ledger().submit(host.operator(), "Provenance:anchorBatch", sealed.merkleRoot,
                Integer.toString(sealed.leafCount), sealed.metadataJson).orThrow();

        batcher.flush();

        BatchEntity b = batch(id);
        assertThat(b.state).isEqualTo(BatchEntity.ANCHORED);
        assertThat(b.txId).isEqualTo(first.txId()); // not a second anchor of the same root
        assertThat(host.ledger().evaluate(host.operator(), "Provenance:getBatch", sealed.merkleRoot).orThrow()
                .payloadUtf8()).contains(first.txId());
        admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:d/1"))
                .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                .body("verified", org.hamcrest.Matchers.equalTo(true));
    }

    /** A project with one dataset version whose anchor is pending, and no other pending anchors anywhere. */
    private String pendingDataset(String prefix) {
        batcher.flush();
        return ai.lepton.ledger.LedgerTesting.projectWithAnchoredDataset(prefix);
    }

    private BatchEntity batch(long id) {
        return QuarkusTransaction.requiringNew().call(() -> batches.findById(id).orElseThrow());
    }
}
