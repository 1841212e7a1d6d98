package ai.lepton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.LedgerEvent;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.Subscription;
import ai.lepton.ledger.api.TxStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded ledger running a real contract through the shim's router, with a peer's semantics. */
class EmbeddedLedgerTest {

    static final String KV = "KeyValueContract:";

    @TempDir
    Path tmp;

    LedgerFixture fx;
    EmbeddedLedger ledger;

    @BeforeEach
    void open() {
        fx = new LedgerFixture(tmp);
        ledger = fx.open();
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    Receipt submit(String fn, String... args) {
        return ledger.submit(fx.demo, KV + fn, args);
    }

    String eval(String fn, String... args) {
        return ledger.evaluate(fx.demo, KV + fn, args).orThrow().payloadUtf8();
    }

    @Test
    void startsWithAGenesisBlockAndCommitsEachSubmitInANewBlock() {
        assertThat(ledger.height()).isEqualTo(1);
        Receipt r = submit("put", "colour", "blue");
        assertThat(r.status()).isEqualTo(TxStatus.VALID);
        assertThat(r.blockNumber()).isEqualTo(1);
        assertThat(r.txId()).matches("[0-9a-f]{64}");
        assertThat(ledger.height()).isEqualTo(2);
        assertThat(eval("get", "colour")).isEqualTo("blue");
    }

    @Test
    void evaluateReadsCommittedStateAndOrdersNothing() {
        submit("put", "k", "v1");
        long h = ledger.height();
        Evaluation e = ledger.evaluate(fx.demo, KV + "get", "k");
        assertThat(e.ok()).isTrue();
        assertThat(e.payloadUtf8()).isEqualTo("v1");
        assertThat(ledger.height()).isEqualTo(h);
    }

    @Test
    void contractErrorsAreRejectedWithTheirMessageAndPayloadAndNeverOrdered() {
        long h = ledger.height();
        Receipt r = submit("fail", "k");
        assertThat(r.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(r.blockNumber()).isEqualTo(-1);
        assertThat(r.message()).isEqualTo("refused on purpose");
        assertThat(r.payloadUtf8()).isEqualTo("BAD_THING");
        assertThat(ledger.height()).isEqualTo(h);
        Evaluation missing = ledger.evaluate(fx.demo, KV + "get", "k");
        assertThat(missing.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(missing.payloadUtf8()).isEqualTo("NOT_FOUND");
        assertThatThrownBy(r::orThrow).isInstanceOf(LedgerException.class).hasMessageContaining(r.txId());
    }

    @Test
    void unknownFunctionsAreRejectedByTheRouter() {
        Receipt r = submit("noSuchFunction");
        assertThat(r.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(r.message()).contains("Undefined contract method called");
    }

    @Test
    void systemContractServesTheMetadataOfTheContractsFoundOnTheClassPath() {
        Evaluation e = ledger.evaluate(fx.demo, "org.hyperledger.fabric:GetMetadata");
        assertThat(e.ok()).isTrue();
        assertThat(e.payloadUtf8()).contains("KeyValueContract").contains("\"transfer\"");
    }

    @Test
    void readsSeeCommittedStateNotTheTransactionsOwnWrites() {
        assertThat(submit("putThenGet", "fresh", "new").payloadUtf8()).isEqualTo("[]");
        assertThat(submit("putThenGet", "fresh", "newer").payloadUtf8()).isEqualTo("[new]");
        assertThat(eval("get", "fresh")).isEqualTo("newer");
    }

    @Test
    void deleteAndEmptyValueBothRemoveTheKeyAndShowInHistoryNewestFirst() {
        Receipt first = submit("put", "h", "one");
        Receipt second = submit("put", "h", "two");
        Receipt del = submit("delete", "h");
        Receipt third = submit("put", "h", "three");
        Receipt empty = submit("put", "h", "");
        assertThat(ledger.evaluate(fx.demo, KV + "get", "h").payloadUtf8()).isEqualTo("NOT_FOUND");
        String history = eval("history", "h");
        assertThat(history).startsWith("[{\"txId\":\"" + empty.txId());
        assertThat(history.indexOf(empty.txId())).isLessThan(history.indexOf(third.txId()));
        assertThat(history.indexOf(third.txId())).isLessThan(history.indexOf(del.txId()));
        assertThat(history.indexOf(del.txId())).isLessThan(history.indexOf(second.txId()));
        assertThat(history.indexOf(second.txId())).isLessThan(history.indexOf(first.txId()));
        assertThat(history).contains("\"txId\":\"" + del.txId() + "\",")
                .contains("\"value\":\"\",\"isDelete\":true")
                .contains("\"value\":\"three\",\"isDelete\":false");
        assertThat(history.split("\\{\"txId\"")).hasSize(6);
    }

    @Test
    void historyCarriesTheTransactionTimestamp() {
        Instant t = Instant.now().plus(Duration.ofDays(1)).with(java.time.temporal.ChronoField.NANO_OF_SECOND,
                123_456_789);
        ledger.close();
        ledger = fx.open(fx.options().withClock(Clock.fixed(t, ZoneOffset.UTC)));
        submit("put", "t", "x");
        assertThat(eval("history", "t")).contains("\"timestamp\":\"" + t + "\"");
        assertThat(eval("echo", "a", "b")).contains("|" + t + "|");
    }

    @Test
    void stubExposesFunctionParametersTxIdAndAnEmptyTransientMap() {
        String[] parts = eval("echo", "alpha", "beta").split("\\|");
        assertThat(parts[0]).isEqualTo("KeyValueContract:echo");
        assertThat(parts[1]).isEqualTo("[alpha, beta]");
        assertThat(parts[2]).matches("[0-9a-f]{64}");
        assertThat(parts[4]).isEqualTo("0");
        assertThat(parts[5]).isEqualTo("3");
    }

    @Test
    void rangeQueriesAreInUtf8ByteOrderAndLeaveCompositeKeysOut() {
        String smiley = new String(Character.toChars(0x1F600));
        ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "put", "b", "2"), Invocation.of(KV + "put", "a", "1"),
                Invocation.of(KV + "put", "\uE000", "pua"), Invocation.of(KV + "put", smiley, "smile"),
                Invocation.of(KV + "put", "c", "3"),
                Invocation.of(KV + "putComposite", "asset", "red", "1", "composite")));
        assertThat(eval("range", "", "")).isEqualTo("a=1;b=2;c=3;\uE000=pua;" + smiley + "=smile");
        assertThat(eval("range", "b", "c")).isEqualTo("b=2");
        assertThat(eval("range", "b", "")).isEqualTo("b=2;c=3;\uE000=pua;" + smiley + "=smile");
    }

    @Test
    void partialCompositeKeyQueriesUseFabricsEncoding() {
        ledger.submitAll(fx.demo, List.of(
                Invocation.of(KV + "putComposite", "asset", "red", "2", "v2"),
                Invocation.of(KV + "putComposite", "asset", "red", "1", "v1"),
                Invocation.of(KV + "putComposite", "asset", "blue", "1", "v3"),
                Invocation.of(KV + "putComposite", "assets", "red", "1", "other type"),
                Invocation.of(KV + "put", "asset", "simple")));
        assertThat(eval("byPartial", "asset", "red")).isEqualTo("red/1=v1;red/2=v2");
        assertThat(eval("byPartial", "asset", "")).isEqualTo("blue/1=v3;red/1=v1;red/2=v2");
        assertThat(eval("get", "\u0000asset\u0000red\u00001\u0000")).isEqualTo("v1");
        assertThat(eval("range", "", "")).isEqualTo("asset=simple");
    }

    @Test
    void paginatedQueriesReturnPagesWithABookmarkAndAreRefusedInWritingTransactions() {
        List<Invocation> puts = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            puts.add(Invocation.of(KV + "put", "p" + i, "v" + i));
        }
        ledger.submitAll(fx.demo, puts);
        assertThat(eval("page", "p", "q", "2", "")).isEqualTo("p1=v1;p2=v2|p3|2");
        assertThat(eval("page", "p", "q", "2", "p3")).isEqualTo("p3=v3;p4=v4|p5|2");
        assertThat(eval("page", "p", "q", "2", "p5")).isEqualTo("p5=v5||1");
        Receipt r = submit("pageThenPut", "x");
        assertThat(r.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(r.message()).contains("paginated queries are supported only in read-only transactions");
    }

    @Test
    void staleReadIsKeptInTheBlockAsMvccReadConflictAndItsWritesAreNotApplied() {
        submit("put", "counter", "0");
        // a long batch timeout: both increments are endorsed against version v0 before the block is cut
        ledger.close();
        ledger = fx.open(fx.options().withBatchTimeout(Duration.ofHours(1)));
        List<Receipt> rs = ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "increment", "counter"),
                Invocation.of(KV + "increment", "counter")));
        assertThat(rs.get(0).status()).isEqualTo(TxStatus.VALID);
        assertThat(rs.get(1).status()).isEqualTo(TxStatus.MVCC_READ_CONFLICT);
        assertThat(rs.get(1).blockNumber()).isEqualTo(rs.get(0).blockNumber());
        assertThat(rs.get(1).payloadUtf8()).isEqualTo("1"); // what it computed, never applied
        assertThat(eval("get", "counter")).isEqualTo("1");
        assertThat(eval("history", "counter").split("\\{\"txId\"")).hasSize(3);
        assertThat(eval("history", "counter")).doesNotContain(rs.get(1).txId());
    }

    @Test
    void conflictingTransfersLeaveBalancesConsistent() {
        ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "put", "alice", "100"),
                Invocation.of(KV + "put", "bob", "0")));
        ledger.close();
        ledger = fx.open(fx.options().withBatchTimeout(Duration.ofHours(1)));
        List<Invocation> transfers = Collections.nCopies(5, Invocation.of(KV + "transfer", "alice", "bob", "30"));
        List<Receipt> rs = ledger.submitAll(fx.demo, transfers);
        assertThat(rs).extracting(Receipt::status).containsExactly(TxStatus.VALID, TxStatus.MVCC_READ_CONFLICT,
                TxStatus.MVCC_READ_CONFLICT, TxStatus.MVCC_READ_CONFLICT, TxStatus.MVCC_READ_CONFLICT);
        assertThat(rs.get(1).events()).isEmpty();
        assertThat(eval("get", "alice")).isEqualTo("70");
        assertThat(eval("get", "bob")).isEqualTo("30");
    }

    @Test
    void rangeThatGainsAKeyBeforeCommitIsAPhantomReadConflict() {
        ledger.close();
        ledger = fx.open(fx.options().withBatchTimeout(Duration.ofHours(1)));
        List<Receipt> rs = ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "put", "r2", "x"),
                Invocation.of(KV + "countInto", "r", "s", "count")));
        assertThat(rs.get(0).status()).isEqualTo(TxStatus.VALID);
        assertThat(rs.get(1).status()).isEqualTo(TxStatus.PHANTOM_READ_CONFLICT);
        assertThat(ledger.evaluate(fx.demo, KV + "get", "count").ok()).isFalse();
        assertThat(submit("countInto", "r", "s", "count").status()).isEqualTo(TxStatus.VALID);
        assertThat(eval("get", "count")).isEqualTo("1");
    }

    @Test
    void batchesShareBlocksUpToTheConfiguredSize() {
        ledger.close();
        ledger = fx.open(fx.options().withMaxBlockTransactions(10));
        List<Invocation> puts = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            puts.add(Invocation.of(KV + "put", "b" + i, "v"));
        }
        List<Receipt> rs = ledger.submitAll(fx.demo, puts);
        assertThat(rs).allMatch(Receipt::valid);
        assertThat(rs.stream().map(Receipt::blockNumber).distinct().count()).isBetween(3L, 25L);
        assertThat(rs.stream().collect(java.util.stream.Collectors.groupingBy(Receipt::blockNumber,
                java.util.stream.Collectors.counting())).values()).allMatch(n -> n <= 10);
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void asyncSubmissionsWaitForABlockToBeCutOnDemand() {
        ledger.close();
        ledger = fx.open(fx.options().withBatchTimeout(Duration.ofHours(1)));
        List<java.util.concurrent.CompletableFuture<Receipt>> futures = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            futures.add(ledger.submitAsync(fx.demo, KV + "put", "async-" + i, "v"));
        }
        java.util.concurrent.CompletableFuture<Receipt> rejected = ledger.submitAsync(fx.demo, KV + "fail", "x");
        assertThat(rejected).isCompleted();
        assertThat(rejected.join().status()).isEqualTo(TxStatus.REJECTED);
        assertThat(futures).noneMatch(java.util.concurrent.CompletableFuture::isDone);
        long height = ledger.height();
        ledger.cutBlock();
        List<Receipt> receipts = futures.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertThat(receipts).allMatch(Receipt::valid).extracting(Receipt::blockNumber).containsOnly(height);
        assertThat(ledger.height()).isEqualTo(height + 1);
    }

    @Test
    void concurrentSubmittersAreSerialisedAndAllCommit() throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Receipt> receipts = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int id = t;
            threads.add(new Thread(() -> {
                for (int i = 0; i < 25; i++) {
                    receipts.add(submit("put", "t" + id + "-" + i, "v" + i));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        assertThat(receipts).hasSize(100).allMatch(Receipt::valid);
        assertThat(eval("range", "t", "u").split(";")).hasSize(100);
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void clientIdentitySeesMspIdSubjectAndCertificateAttributes() {
        String[] demo = eval("whoAmI").split("\\|");
        assertThat(demo[0]).isEqualTo("LeptonMSP");
        assertThat(demo[1]).startsWith("x509::CN=demo, OU=client, O=Lepton::CN=Lepton Local CA, O=Lepton");
        assertThat(demo[2]).isEqualTo("demo");
        assertThat(demo[3]).isEqualTo("null");
        assertThat(demo[4]).isEqualTo("client");
        assertThat(demo[5]).isEqualTo("LeptonMSP");
        assertThat(demo[6]).isEqualTo("lepton");
        String[] op = ledger.evaluate(fx.ca.operator(), KV + "whoAmI").orThrow().payloadUtf8().split("\\|");
        assertThat(op[1]).startsWith("x509::CN=operator, OU=admin");
        assertThat(op[2]).isEqualTo("null");
        assertThat(op[3]).isEqualTo("operator");
        assertThat(op[4]).isEqualTo("admin");
    }

    @Test
    void identitiesNotIssuedByTheMspsCaOrOfAnotherMspAreRejected() {
        LocalCa other = LocalCa.open(tmp.resolve("other-ca"));
        Receipt stranger = ledger.submit(other.project("demo"), KV + "put", "k", "v");
        assertThat(stranger.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(stranger.message()).contains("is not issued by the CA of LeptonMSP");
        Receipt wrongMsp = ledger.submit(new LedgerIdentity("OtherMSP", fx.demo.certificatePem()), KV + "put", "k",
                "v");
        assertThat(wrongMsp.status()).isEqualTo(TxStatus.REJECTED);
        assertThat(wrongMsp.message()).contains("OtherMSP");
        assertThat(ledger.evaluate(fx.demo, KV + "get", "k").ok()).isFalse();
    }

    @Test
    void unsupportedStubMethodsThrowAClearUnsupportedOperationException() {
        assertThat(eval("tryUnsupported", "privateData"))
                .contains("getPrivateData is not supported by the embedded ledger");
        assertThat(eval("tryUnsupported", "invokeChaincode"))
                .contains("invokeChaincode is not supported by the embedded ledger");
        assertThat(eval("tryUnsupported", "richQuery")).contains("CouchDB");
    }

    @Test
    void eventsAreDeliveredFromACheckpointBlockAndFollowNewBlocks() {
        Receipt a = submit("put", "e1", "x");
        Receipt b = submit("put", "e2", "x");
        submit("fail", "e3");
        List<LedgerEvent> all = Collections.synchronizedList(new ArrayList<>());
        List<LedgerEvent> fromB = Collections.synchronizedList(new ArrayList<>());
        try (Subscription s1 = ledger.events(0, all::add); Subscription s2 = ledger.events(b.blockNumber(),
                fromB::add)) {
            Receipt c = submit("put", "e4", "x");
            assertThat(c.events()).singleElement().satisfies(ev -> assertThat(ev.name()).isEqualTo("Put"));
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> all.size() == 3 && fromB.size() == 2);
            assertThat(all).extracting(LedgerEvent::txId).containsExactly(a.txId(), b.txId(), c.txId());
            assertThat(all).extracting(LedgerEvent::payloadUtf8).containsExactly("e1", "e2", "e4");
            assertThat(fromB).extracting(LedgerEvent::blockNumber).containsExactly(b.blockNumber(),
                    c.blockNumber());
            assertThat(s1.nextBlock()).isEqualTo(ledger.height());
        }
    }

    @Test
    void invalidTransactionsEmitNoEvents() {
        ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "put", "alice", "100")));
        ledger.close();
        ledger = fx.open(fx.options().withBatchTimeout(Duration.ofHours(1)));
        long from = ledger.height();
        List<Receipt> rs = ledger.submitAll(fx.demo,
                Collections.nCopies(3, Invocation.of(KV + "transfer", "alice", "bob", "1")));
        List<LedgerEvent> seen = Collections.synchronizedList(new ArrayList<>());
        try (Subscription s = ledger.events(from, seen::add)) {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> s.nextBlock() == ledger.height());
        }
        assertThat(seen).extracting(LedgerEvent::txId).containsExactly(rs.get(0).txId());
    }

    @Test
    void aListenerThatThrowsEndsOnlyItsSubscription() {
        submit("put", "k", "v");
        Subscription s = ledger.events(0, e -> {
            throw new IllegalStateException("consumer broke");
        });
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(s::closed);
        assertThat(s.nextBlock()).isEqualTo(1);
        assertThat(submit("put", "k2", "v").valid()).isTrue();
    }

    @Test
    void reopeningReplaysTheBlocksIntoTheSameStateHistoryAndHead() {
        submit("put", "alice", "100");
        submit("put", "gone", "soon");
        submit("delete", "gone");
        ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "transfer", "alice", "bob", "40"),
                Invocation.of(KV + "putComposite", "asset", "red", "1", "v1")));
        String history = eval("history", "gone");
        String range = eval("range", "", "");
        String head = ledger.headHash();
        long height = ledger.height();
        ledger.close();
        ledger = fx.open();
        assertThat(ledger.height()).isEqualTo(height);
        assertThat(ledger.headHash()).isEqualTo(head);
        assertThat(eval("range", "", "")).isEqualTo(range).isEqualTo("alice=60;bob=40");
        assertThat(eval("history", "gone")).isEqualTo(history);
        assertThat(eval("byPartial", "asset", "red")).isEqualTo("red/1=v1");
        assertThat(submit("transfer", "alice", "bob", "10").valid()).isTrue();
        assertThat(eval("get", "bob")).isEqualTo("50");
        assertThat(ledger.verify().intact()).isTrue();
    }

    @Test
    void reopeningWithAnotherChannelOrCaIsRefused() {
        submit("put", "k", "v");
        ledger.close();
        assertThatThrownBy(() -> fx.open(fx.options().withChannelId("other")))
                .isInstanceOf(LedgerException.class).hasMessageContaining("belongs to channel lepton");
        LocalCa other = LocalCa.open(tmp.resolve("other-ca"));
        assertThatThrownBy(() -> EmbeddedLedger.open(fx.ledgerDir(), LedgerOptions.of(other).withFsync(false)
                .withContractPackages("ai.lepton.ledger.embedded")))
                .isInstanceOf(LedgerException.class).hasMessageContaining("another CA");
        ledger = fx.open();
        assertThat(eval("get", "k")).isEqualTo("v");
    }

    @Test
    void aSecondOpenOfTheSameDirectoryIsRefused() {
        assertThatThrownBy(fx::open).isInstanceOf(LedgerException.class).hasMessageContaining("in use");
    }

    @Test
    void closedLedgerRefusesWork() {
        ledger.close();
        assertThatThrownBy(() -> submit("put", "k", "v")).isInstanceOf(LedgerException.class)
                .hasMessageContaining("closed");
        ledger = fx.open();
    }
}
