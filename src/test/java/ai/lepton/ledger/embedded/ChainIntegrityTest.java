package ai.lepton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.Receipt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hash chain verification, tamper detection and crash recovery of the block file. */
class ChainIntegrityTest {

    static final String KV = "KeyValueContract:";

    @TempDir
    Path tmp;

    LedgerFixture fx;

    /** Blocks 1..5 each hold one put of value-N; block 6 holds a batch of three. */
    @BeforeEach
    void writeChain() {
        fx = new LedgerFixture(tmp);
        try (EmbeddedLedger ledger = fx.open()) {
            for (int i = 1; i <= 5; i++) {
                assertThat(ledger.submit(fx.demo, KV + "put", "key-" + i, "value-" + i).blockNumber()).isEqualTo(i);
            }
            List<Receipt> batch = ledger.submitAll(fx.demo, List.of(Invocation.of(KV + "put", "b1", "x"),
                    Invocation.of(KV + "put", "b2", "y"), Invocation.of(KV + "put", "b3", "z")));
            assertThat(batch).extracting(Receipt::blockNumber).containsOnly(6L);
        }
    }

    @Test
    void untouchedChainVerifiesAndNamesItsHead() {
        try (EmbeddedLedger ledger = fx.open()) {
            ChainVerification v = ledger.verify();
            assertThat(v.intact()).isTrue();
            assertThat(v.blocks()).isEqualTo(7);
            assertThat(v.transactions()).isEqualTo(9);
            assertThat(v.headHash()).isEqualTo(ledger.headHash()).matches("[0-9a-f]{64}");
            assertThat(v.firstBadBlock()).isEqualTo(-1);
        }
    }

    @Test
    void aByteChangedInATransactionPayloadIsFoundInItsBlock() throws IOException {
        fx.flip(fx.find("value-3", 0) + 6);
        try (EmbeddedLedger ledger = fx.open()) {
            ChainVerification v = ledger.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadBlock()).isEqualTo(3);
            assertThat(v.problem()).contains("block 3").contains("Merkle root");
            assertThat(v.blocks()).isEqualTo(3);
            // the good prefix is served, nothing is appended after the damage
            assertThat(ledger.damage()).contains("block 3");
            assertThat(ledger.evaluate(fx.demo, KV + "get", "key-2").payloadUtf8()).isEqualTo("value-2");
            assertThat(ledger.evaluate(fx.demo, KV + "get", "key-3").ok()).isFalse();
            assertThatThrownBy(() -> ledger.submit(fx.demo, KV + "put", "k", "v"))
                    .isInstanceOf(LedgerException.class).hasMessageContaining("block 3");
        }
    }

    @Test
    void aByteChangedInAHeaderIsFoundInItsBlock() throws IOException {
        long[] block4 = fx.records().get(4);
        // first byte of the header's data hash: 8 (magic, length) + 1 (format) + 8 (number) + 32 (previous hash)
        fx.flip(block4[0] + 8 + 1 + 8 + 32);
        try (EmbeddedLedger ledger = fx.open()) {
            ChainVerification v = ledger.verify();
            assertThat(v.firstBadBlock()).isEqualTo(4);
            assertThat(v.problem()).contains("header");
        }
    }

    @Test
    void aChangedBlockNumberIsFound() throws IOException {
        long[] block2 = fx.records().get(2);
        fx.flip(block2[0] + 8 + 1 + 7);
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(ledger.verify().firstBadBlock()).isEqualTo(2);
        }
    }

    @Test
    void aDeletedBlockIsFoundWhereItIsMissing() throws IOException {
        List<long[]> recs = fx.records();
        byte[] b = Files.readAllBytes(fx.blockFile());
        long[] gone = recs.get(2);
        byte[] cut = new byte[(int) (b.length - gone[1])];
        System.arraycopy(b, 0, cut, 0, (int) gone[0]);
        System.arraycopy(b, (int) (gone[0] + gone[1]), cut, (int) gone[0], (int) (b.length - gone[0] - gone[1]));
        Files.write(fx.blockFile(), cut);
        try (EmbeddedLedger ledger = fx.open()) {
            ChainVerification v = ledger.verify();
            assertThat(v.firstBadBlock()).isEqualTo(2);
            assertThat(v.problem()).contains("missing");
            assertThat(ledger.height()).isEqualTo(2);
        }
    }

    @Test
    void aBlockRewrittenWithConsistentHashesStillBreaksTheLinkToIt() throws IOException {
        // rewrite block 3 with a forged value and recompute its own hashes: block 4's link no longer holds
        List<long[]> recs = fx.records();
        byte[] file = Files.readAllBytes(fx.blockFile());
        long[] r3 = recs.get(3);
        byte[] rec = Arrays.copyOfRange(file, (int) r3[0] + 8, (int) (r3[0] + r3[1]));
        Block block = Block.parse(rec);
        Tx tx = block.tx(0);
        List<Tx.Write> forged = List.of(new Tx.Write("key-3", false, "forged!".getBytes()));
        Tx evil = new Tx(tx.txId(), tx.seconds(), tx.nanos(), tx.creator(), tx.args(), tx.code(), tx.reads(),
                tx.ranges(), forged, tx.event(), tx.status(), tx.message(), tx.payload());
        Block.Encoded enc = Block.encode(3, block.previousHash, block.creators(), List.of(evil), Hashes.sha256());
        byte[] out = new byte[(int) (file.length - r3[1] + enc.length())];
        System.arraycopy(file, 0, out, 0, (int) r3[0]);
        System.arraycopy(enc.bytes(), 0, out, (int) r3[0], enc.length());
        System.arraycopy(file, (int) (r3[0] + r3[1]), out, (int) r3[0] + enc.length(),
                (int) (file.length - r3[0] - r3[1]));
        Files.write(fx.blockFile(), out);
        try (EmbeddedLedger ledger = fx.open()) {
            ChainVerification v = ledger.verify();
            assertThat(v.firstBadBlock()).isEqualTo(4);
            assertThat(v.problem()).contains("does not link to the previous block");
        }
    }

    @Test
    void tamperingWhileOpenIsFoundByVerify() throws IOException {
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(ledger.verify().intact()).isTrue();
            fx.flip(fx.find("value-5", 0) + 2);
            ChainVerification v = ledger.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadBlock()).isEqualTo(5);
        }
    }

    @Test
    void truncatedTailIsFoundByVerifyOfTheOpenLedger() throws IOException {
        try (EmbeddedLedger ledger = fx.open()) {
            long[] last = fx.records().get(6);
            try (var ch = java.nio.channels.FileChannel.open(fx.blockFile(), StandardOpenOption.WRITE)) {
                ch.truncate(last[0]);
            }
            ChainVerification v = ledger.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadBlock()).isEqualTo(6);
        }
    }

    @Test
    void aTornLastRecordIsCutOffWithACopyKeptAndTheLedgerGoesOn() throws IOException {
        long[] last = fx.records().get(6);
        long size = Files.size(fx.blockFile());
        // a crash in the middle of appending block 6
        try (var ch = java.nio.channels.FileChannel.open(fx.blockFile(), StandardOpenOption.WRITE)) {
            ch.truncate(last[0] + last[1] / 2);
        }
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(ledger.height()).isEqualTo(6);
            assertThat(Files.size(fx.blockFile())).isEqualTo(last[0]);
            try (Stream<Path> files = Files.list(fx.ledgerDir())) {
                List<Path> torn = files.filter(p -> p.getFileName().toString().startsWith("blocks.dat.torn-"))
                        .toList();
                assertThat(torn).hasSize(1);
                assertThat(Files.size(torn.get(0))).isEqualTo(last[1] / 2);
            }
            assertThat(ledger.verify().intact()).isTrue();
            assertThat(ledger.evaluate(fx.demo, KV + "get", "b1").ok()).isFalse();
            Receipt r = ledger.submit(fx.demo, KV + "put", "after", "crash");
            assertThat(r.blockNumber()).isEqualTo(6);
            assertThat(ledger.verify().intact()).isTrue();
        }
        assertThat(size).isGreaterThan(last[0]);
    }

    @Test
    void aZeroFilledTailIsCutOff() throws IOException {
        long size = Files.size(fx.blockFile());
        Files.write(fx.blockFile(), new byte[4096], StandardOpenOption.APPEND);
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(ledger.height()).isEqualTo(7);
            assertThat(Files.size(fx.blockFile())).isEqualTo(size);
            assertThat(ledger.verify().intact()).isTrue();
        }
    }

    @Test
    void strayBytesThatAreNotATornRecordAreDamageNotTruncated() throws IOException {
        Files.write(fx.blockFile(), "garbage that is not a block".getBytes(), StandardOpenOption.APPEND);
        long size = Files.size(fx.blockFile());
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(Files.size(fx.blockFile())).isEqualTo(size);
            ChainVerification v = ledger.verify();
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBadBlock()).isEqualTo(7);
            assertThat(ledger.damage()).isNotNull();
        }
    }

    @Test
    void aDamagedRecordHeaderInTheMiddleIsDamageNotATornTail() throws IOException {
        long[] block2 = fx.records().get(2);
        fx.flip(block2[0]); // the magic number of block 2
        long size = Files.size(fx.blockFile());
        try (EmbeddedLedger ledger = fx.open()) {
            assertThat(Files.size(fx.blockFile())).isEqualTo(size);
            assertThat(ledger.height()).isEqualTo(2);
            ChainVerification v = ledger.verify();
            assertThat(v.firstBadBlock()).isEqualTo(2);
            assertThat(v.problem()).contains("no block record");
        }
    }

    @Test
    void merkleRootFollowsRfc6962() {
        // MTH of 3 leaves: H(1 || H(1 || l0 || l1) || l2)
        var md = Hashes.sha256();
        List<byte[]> leaves = new ArrayList<>();
        for (String s : List.of("a", "b", "c")) {
            byte[] b = s.getBytes();
            leaves.add(Hashes.leaf(md, b, 0, b.length));
        }
        byte[] left = node(leaves.get(0), leaves.get(1));
        assertThat(Hashes.merkleRoot(md, leaves.toArray(byte[][]::new))).isEqualTo(node(left, leaves.get(2)));
        assertThat(Hashes.merkleRoot(md, new byte[][] {leaves.get(0)})).isEqualTo(leaves.get(0));
    }

    private static byte[] node(byte[] l, byte[] r) {
        byte[] b = new byte[65];
        b[0] = 1;
        System.arraycopy(l, 0, b, 1, 32);
        System.arraycopy(r, 0, b, 33, 32);
        return Hashes.sha256(b);
    }
}
