package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerUnavailableException;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.TxStatus;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fabric ledger against a {@link StandInPeer}: what each gateway answer becomes. */
class FabricLedgerTest {

    @TempDir
    Path tmp;

    FabricFixture fx;
    StandInPeer peer;
    FabricLedger ledger;

    @BeforeEach
    void start() throws Exception {
        fx = new FabricFixture(tmp);
        peer = new StandInPeer();
        ledger = FabricLedger.connect(fx.settings(peer.endpoint()));
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        peer.close();
    }

    @Test
    void aCommittedTransactionIsAValidReceiptWithBlockPayloadMessageAndEvent() {
        peer.endorser = (call, out) -> {
            out.onNext(StandInPeer.endorsement(call, 200, "anchored", "{\"subject\":\"model:1\"}", "AnchorRecorded",
                    "{\"digest\":\"ab\"}"));
            out.onCompleted();
        };
        peer.commitBlock = 42;
        Receipt r = ledger.submit(ledger.identity("operator"), "Provenance:anchor", "model:1", "ab", "{}");
        assertThat(r.status()).isEqualTo(TxStatus.VALID);
        assertThat(r.blockNumber()).isEqualTo(42);
        assertThat(r.payloadUtf8()).isEqualTo("{\"subject\":\"model:1\"}");
        assertThat(r.message()).isEqualTo("anchored");
        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.name()).isEqualTo("AnchorRecorded");
            assertThat(e.payloadUtf8()).isEqualTo("{\"digest\":\"ab\"}");
            assertThat(e.txId()).isEqualTo(r.txId());
            assertThat(e.blockNumber()).isEqualTo(42);
            assertThat(e.timestamp()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        });
        StandInPeer.Call call = peer.endorsed.get(0);
        assertThat(call.txId()).isEqualTo(r.txId());
        assertThat(call.chaincode()).isEqualTo("lepton");
        assertThat(call.args()).containsExactly("Provenance:anchor", "model:1", "ab", "{}");
        assertThat(call.channelHeader().getChannelId()).isEqualTo("lepton");
        assertThat(peer.submittedTxIds).containsExactly(r.txId());
        assertThat(peer.commitStatusTxIds).containsExactly(r.txId());
    }

    @Test
    void signsWithTheGatewayOfTheCallersCertificate() {
        ledger.submit(ledger.identity("demo"), "DataSharing:grant", "x");
        ledger.evaluate(ledger.identity("operator"), "Governance:config");
        assertThat(peer.endorsed).singleElement().satisfies(c -> {
            assertThat(c.creatorMsp()).isEqualTo("Org1MSP");
            assertThat(c.creatorSubject()).isEqualTo("CN=demo,OU=client,O=Lepton");
        });
        // a PEM with other line breaks is the same certificate
        var op = ledger.identity("operator");
        var reflowed = new ai.lepton.ledger.api.LedgerIdentity(op.mspId(), op.certificatePem().replace("\n", "\r\n"));
        assertThat(ledger.evaluate(reflowed, "Governance:config").ok()).isTrue();
    }

    @Test
    void aChaincodeErrorAtEndorsementIsARejectedReceiptWithTheContractsMessageAndNothingIsSubmitted() {
        peer.endorser = (call, out) -> out.onError(StandInPeer.gatewayError(Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                "chaincode response 500, lease L1 is not open"));
        Receipt r = ledger.submit(ledger.identity("operator"), "ComputeLease:settle", "L1");
        assertThat(r.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(r.message()).isEqualTo("lease L1 is not open");
        assertThat(r.blockNumber()).isEqualTo(-1);
        assertThat(r.txId()).isEqualTo(peer.endorsed.get(0).txId());
        assertThat(peer.endorseCalls).hasValue(1);
        assertThat(peer.submitCalls).hasValue(0);
    }

    @Test
    void aChaincodeErrorAtEvaluationIsARejectedEvaluation() {
        peer.evaluator = (call, out) -> out.onError(StandInPeer.gatewayError(Status.Code.UNKNOWN,
                "evaluate call to endorser returned error: chaincode response 404, no anchor for model:9",
                "chaincode response 404, no anchor for model:9"));
        Evaluation e = ledger.evaluate(ledger.identity("demo"), "Provenance:get", "model:9");
        assertThat(e.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(e.message()).isEqualTo("no anchor for model:9");
        assertThat(peer.evaluateCalls).hasValue(1);
    }

    @Test
    void anEvaluationReturnsTheContractsPayload() {
        Evaluation e = ledger.evaluate(ledger.identity("demo"), "Provenance:get", "model:1");
        assertThat(e.ok()).isTrue();
        assertThat(e.payloadUtf8()).isEqualTo("answer:Provenance:get");
        assertThat(e.txId()).matches("[0-9a-f]{64}");
    }

    @Test
    void readConflictsAtCommitBecomeTheirTxStatus() {
        peer.endorser = (call, out) -> {
            peer.commitCodes.put(call.txId(), call.function().endsWith("a") ? TxValidationCode.MVCC_READ_CONFLICT
                    : TxValidationCode.PHANTOM_READ_CONFLICT);
            out.onNext(StandInPeer.endorsement(call, 200, "", "p", "Ignored", "x"));
            out.onCompleted();
        };
        List<Receipt> rs = ledger.submitAll(ledger.identity("operator"),
                List.of(Invocation.of("Provenance:a"), Invocation.of("Provenance:b")));
        assertThat(rs).extracting(Receipt::status)
                .containsExactly(TxStatus.MVCC_READ_CONFLICT, TxStatus.PHANTOM_READ_CONFLICT);
        assertThat(rs).allSatisfy(r -> {
            assertThat(r.blockNumber()).isEqualTo(7);
            assertThat(r.events()).isEmpty();
        });
        assertThat(peer.submittedTxIds).containsExactly(rs.get(0).txId(), rs.get(1).txId());
    }

    @Test
    void otherValidationCodesAreLedgerExceptionsNamingCodeAndTxId() {
        peer.endorser = (call, out) -> {
            peer.commitCodes.put(call.txId(), TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
            out.onNext(StandInPeer.endorsement(call, 200, "", "", null, null));
            out.onCompleted();
        };
        assertThatThrownBy(() -> ledger.submit(ledger.identity("operator"), "Provenance:anchor", "x"))
                .isInstanceOf(LedgerException.class)
                .isNotInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("ENDORSEMENT_POLICY_FAILURE")
                .satisfies(e -> assertThat(e.getMessage()).contains(peer.endorsed.get(0).txId()));
    }

    @Test
    void anEndorsementPastItsDeadlineIsRetriedThenUnavailableWithTheTxId() throws Exception {
        ledger.close();
        ledger = FabricLedger.connect(fx.settings(peer.endpoint(), new FabricSettings.Deadlines(
                Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(2))));
        peer.endorser = (call, out) -> { }; // never answers
        LedgerUnavailableException e = catchUnavailable(() -> ledger.submit(ledger.identity("operator"),
                "Provenance:anchor", "x"));
        assertThat(peer.endorseCalls).hasValue(3);
        assertThat(peer.endorsed).extracting(StandInPeer.Call::txId).containsOnly(e.txId());
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains(e.txId(), "DEADLINE_EXCEEDED");
        assertThat(peer.submitCalls).hasValue(0);
    }

    @Test
    void anUnavailableSubmissionIsResentAsTheSameTransactionNotANewOne() {
        AtomicInteger submits = new AtomicInteger();
        peer.submitter = (request, out) -> {
            if (submits.incrementAndGet() == 1) {
                out.onError(StandInPeer.gatewayError(Status.Code.UNAVAILABLE,
                        "no orderers could successfully process transaction"));
                return;
            }
            out.onNext(org.hyperledger.fabric.protos.gateway.SubmitResponse.getDefaultInstance());
            out.onCompleted();
        };
        Receipt r = ledger.submit(ledger.identity("operator"), "Provenance:anchor", "x");
        assertThat(r.valid()).isTrue();
        assertThat(peer.endorseCalls).hasValue(1);
        assertThat(peer.submittedTxIds).containsExactly(r.txId(), r.txId());
    }

    @Test
    void aSubmissionWhoseOutcomeIsUnknownIsNeverResentOnlyItsCommitStatusIsAsked() throws Exception {
        ledger.close();
        ledger = FabricLedger.connect(fx.settings(peer.endpoint(), new FabricSettings.Deadlines(
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(2))));
        peer.submitter = (request, out) -> { }; // the orderers may have it; the answer never comes
        Receipt r = ledger.submit(ledger.identity("operator"), "Provenance:anchor", "x");
        assertThat(r.valid()).isTrue();
        assertThat(peer.submittedTxIds).containsExactly(r.txId());
        assertThat(peer.commitStatusTxIds).containsExactly(r.txId());
        assertThat(peer.endorseCalls).hasValue(1);
    }

    @Test
    void aRefusedSubmissionIsALedgerExceptionWithTheTxId() {
        peer.submitter = (request, out) -> out.onError(StandInPeer.gatewayError(Status.Code.ABORTED,
                "received unsuccessful response from orderer: status=BAD_REQUEST, info=too big"));
        assertThatThrownBy(() -> ledger.submit(ledger.identity("operator"), "Provenance:anchor", "x"))
                .isInstanceOf(LedgerException.class)
                .isNotInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("BAD_REQUEST")
                .satisfies(e -> assertThat(e.getMessage()).contains(peer.endorsed.get(0).txId()));
        assertThat(peer.submitCalls).hasValue(1);
    }

    @Test
    void aDeniedEndorsementIsALedgerExceptionNotARejection() {
        peer.endorser = (call, out) -> out.onError(StandInPeer.gatewayError(Status.Code.ABORTED,
                "failed to endorse transaction, see attached details for more info",
                "access denied: channel [lepton] creator org [Org1MSP]"));
        assertThatThrownBy(() -> ledger.submit(ledger.identity("operator"), "Provenance:anchor", "x"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("access denied")
                .hasMessageContaining("ABORTED")
                .satisfies(e -> assertThat(e.getMessage()).contains(peer.endorsed.get(0).txId()));
        assertThat(peer.endorseCalls).hasValue(1);
    }

    @Test
    void heightComesFromQsccAndAnIntactChainVerifies() {
        List<Block> chain = chain(4);
        peer.serveChain(chain);
        assertThat(ledger.height()).isEqualTo(4);
        ChainVerification v = ledger.verify();
        assertThat(v.intact()).as(v.toString()).isTrue();
        assertThat(v.blocks()).isEqualTo(4);
        assertThat(v.transactions()).isEqualTo(8);
        assertThat(v.headHash()).isEqualTo(Blocks.hex(Blocks.headerHash(chain.get(3).getHeader())));
    }

    @Test
    void verifyNamesTheFirstBlockWhoseTransactionsOrLinkWereAltered() {
        List<Block> chain = new ArrayList<>(chain(4));
        Block b2 = chain.get(2);
        BlockData altered = b2.getData().toBuilder().setData(1, StandInPeer.transaction("tx-forged",
                Instant.EPOCH, "lepton", "Forged", "x").toByteString()).build();
        chain.set(2, b2.toBuilder().setData(altered).build());
        peer.serveChain(chain);
        ChainVerification v = ledger.verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.firstBadBlock()).isEqualTo(2);
        assertThat(v.blocks()).isEqualTo(2);
        assertThat(v.problem()).contains("data_hash");

        // re-hashing the altered data moves the damage to the link from block 3
        chain.set(2, b2.toBuilder().setData(altered).setHeader(b2.getHeader().toBuilder()
                .setDataHash(com.google.protobuf.ByteString.copyFrom(Blocks.dataHash(altered)))).build());
        v = ledger.verify();
        assertThat(v.firstBadBlock()).isEqualTo(3);
        assertThat(v.problem()).contains("previous_hash");
    }

    static List<Block> chain(int n) {
        List<Block> chain = new ArrayList<>();
        byte[] previous = new byte[0];
        for (int i = 0; i < n; i++) {
            Block b = StandInPeer.block(i, previous,
                    List.of(StandInPeer.transaction("tx-" + i + "-0", Instant.EPOCH, "lepton", "E", "p"),
                            StandInPeer.transaction("tx-" + i + "-1", Instant.EPOCH, "lepton", null, null)),
                    TxValidationCode.VALID, TxValidationCode.VALID);
            chain.add(b);
            previous = Blocks.headerHash(b.getHeader());
        }
        return chain;
    }

    private static LedgerUnavailableException catchUnavailable(Runnable r) {
        try {
            r.run();
        } catch (LedgerUnavailableException e) {
            return e;
        }
        throw new AssertionError("expected LedgerUnavailableException");
    }
}
