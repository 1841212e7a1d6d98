package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lepton.ledger.api.LedgerEvent;
import ai.lepton.ledger.api.Subscription;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.peer.DeliverResponse;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chaincode events from the stand-in peer's block stream. */
class FabricEventsTest {

    static final Instant T0 = Instant.parse("2026-01-02T03:04:05.123456789Z");

    @TempDir
    Path tmp;

    FabricFixture fx;
    StandInPeer peer;
    FabricLedger ledger;
    List<Block> chain;

    @BeforeEach
    void start() throws Exception {
        fx = new FabricFixture(tmp);
        peer = new StandInPeer();
        ledger = FabricLedger.connect(fx.settings(peer.endpoint()));
        byte[] genesisHash;
        Block b0 = StandInPeer.block(0, new byte[0], List.of(
                StandInPeer.transaction("b0-0", T0, "lepton", "AnchorRecorded", "first"),
                StandInPeer.transaction("b0-1", T0, "lepton", "AnchorRecorded", "invalid, never delivered"),
                StandInPeer.transaction("b0-2", T0, "lepton", null, null),
                StandInPeer.transaction("b0-3", T0, "other-chaincode", "Other", "not ours")),
                TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT, TxValidationCode.VALID,
                TxValidationCode.VALID);
        genesisHash = Blocks.headerHash(b0.getHeader());
        Block b1 = StandInPeer.block(1, genesisHash, List.of(
                StandInPeer.transaction("b1-0", T0.plusSeconds(1), "lepton", "LeaseOffered", "second"),
                StandInPeer.transaction("b1-1", T0.plusSeconds(2), "lepton", "LeaseAccepted", "third")),
                TxValidationCode.VALID, TxValidationCode.VALID);
        chain = List.of(b0, b1);
        peer.deliverer = (connection, startBlock, out) -> send(startBlock, out);
    }

    private void send(long startBlock, io.grpc.stub.StreamObserver<DeliverResponse> out) {
        for (Block b : chain) {
            if (b.getHeader().getNumber() >= startBlock) {
                out.onNext(DeliverResponse.newBuilder().setBlock(b).build());
            }
        }
        // then the stream stays open, as a peer's does while it waits for the next block
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        peer.close();
    }

    @Test
    void deliversTheEventsOfValidTransactionsOfOurChaincodeInChainOrder() {
        List<LedgerEvent> got = new CopyOnWriteArrayList<>();
        Subscription s = ledger.events(0, got::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 3 && s.nextBlock() == 2);
        assertThat(got).extracting(LedgerEvent::txId).containsExactly("b0-0", "b1-0", "b1-1");
        LedgerEvent first = got.get(0);
        assertThat(first.blockNumber()).isZero();
        assertThat(first.txIndex()).isZero();
        assertThat(first.name()).isEqualTo("AnchorRecorded");
        assertThat(first.payloadUtf8()).isEqualTo("first");
        assertThat(first.timestamp()).isEqualTo(T0);
        assertThat(got.get(2).txIndex()).isEqualTo(1);
        assertThat(got.get(2).timestamp()).isEqualTo(T0.plusSeconds(2));
        assertThat(peer.deliverStarts).containsExactly(0L);
        s.close();
        assertThat(s.closed()).isTrue();
    }

    @Test
    void reconnectsAfterThePeerWasUnavailableFromTheNextUndeliveredBlock() {
        peer.deliverer = (connection, startBlock, out) -> {
            if (connection == 1) {
                out.onNext(DeliverResponse.newBuilder().setBlock(chain.get(0)).build());
                out.onError(Status.UNAVAILABLE.withDescription("peer restarting").asRuntimeException());
            } else {
                send(startBlock, out);
            }
        };
        List<LedgerEvent> got = new CopyOnWriteArrayList<>();
        Subscription s = ledger.events(0, got::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 3);
        assertThat(got).extracting(LedgerEvent::txId).containsExactly("b0-0", "b1-0", "b1-1");
        assertThat(peer.deliverStarts).containsExactly(0L, 1L);
        assertThat(s.closed()).isFalse();
        s.close();
    }

    @Test
    void aListenerThatThrowsEndsItsSubscriptionAndTheNamedCheckpointResumesAfterTheLastDeliveredEvent()
            throws Exception {
        List<LedgerEvent> got = new CopyOnWriteArrayList<>();
        Subscription s = ledger.events("anchors", 0, e -> {
            if (e.txId().equals("b1-1")) {
                throw new IllegalStateException("consumer down");
            }
            got.add(e);
        });
        await().atMost(Duration.ofSeconds(10)).until(s::closed);
        assertThat(got).extracting(LedgerEvent::txId).containsExactly("b0-0", "b1-0");
        assertThat(Files.readString(tmp.resolve("checkpoints/anchors.json"))).contains("\"transactionId\":\"b1-0\"");

        // a restart: a new ledger, the same checkpoint name; fromBlock is ignored in favour of the checkpoint
        ledger.close();
        ledger = FabricLedger.connect(fx.settings(peer.endpoint()));
        List<LedgerEvent> resumed = new CopyOnWriteArrayList<>();
        Subscription again = ledger.events("anchors", 0, resumed::add);
        await().atMost(Duration.ofSeconds(10)).until(() -> again.nextBlock() == 2);
        assertThat(resumed).extracting(LedgerEvent::txId).containsExactly("b1-1");
        assertThat(peer.deliverStarts).containsExactly(0L, 1L);
        again.close();
        assertThat(Files.readString(tmp.resolve("checkpoints/anchors.json"))).contains("\"blockNumber\":2");
    }

    @Test
    void aRefusedBlockStreamEndsTheSubscription() {
        peer.deliverer = (connection, startBlock, out) -> out.onError(
                Status.PERMISSION_DENIED.withDescription("access denied").asRuntimeException());
        Subscription s = ledger.events(0, e -> { });
        await().atMost(Duration.ofSeconds(10)).until(s::closed);
        assertThat(peer.deliverCalls).hasValue(1);
    }
}
