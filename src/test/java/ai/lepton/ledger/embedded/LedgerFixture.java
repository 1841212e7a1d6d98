package ai.lepton.ledger.embedded;

import ai.lepton.ledger.api.LedgerIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared set-up of the embedded ledger tests: a local CA and ledgers in a temporary directory. */
final class LedgerFixture {

    final Path root;
    final LocalCa ca;
    final LedgerIdentity demo;

    LedgerFixture(Path root) {
        this.root = root;
        this.ca = LocalCa.open(root.resolve("ca"));
        this.demo = ca.project("demo");
    }

    Path ledgerDir() {
        return root.resolve("ledger");
    }

    LedgerOptions options() {
        return LedgerOptions.of(ca).withFsync(false).withContractPackages("ai.lepton.ledger.embedded");
    }

    EmbeddedLedger open() {
        return EmbeddedLedger.open(ledgerDir(), options());
    }

    EmbeddedLedger open(LedgerOptions options) {
        return EmbeddedLedger.open(ledgerDir(), options);
    }

    Path blockFile() {
        return ledgerDir().resolve(BlockStore.FILE);
    }

    /** Offsets of every block record in the block file, read straight from the bytes. */
    List<long[]> records() throws IOException {
        byte[] b = Files.readAllBytes(blockFile());
        List<long[]> list = new ArrayList<>();
        int p = 0;
        while (p + 8 <= b.length) {
            int len = (b[p + 4] & 0xFF) << 24 | (b[p + 5] & 0xFF) << 16 | (b[p + 6] & 0xFF) << 8 | b[p + 7] & 0xFF;
            list.add(new long[] {p, 8L + len});
            p += 8 + len;
        }
        return list;
    }

    /** Flips one bit of the byte at {@code offset} of the block file. */
    void flip(long offset) throws IOException {
        byte[] b = Files.readAllBytes(blockFile());
        b[(int) offset] ^= 0x01;
        Files.write(blockFile(), b);
    }

    /** Offset of the first occurrence of {@code text} (ASCII) in the block file at or after {@code from}. */
    long find(String text, long from) throws IOException {
        byte[] b = Files.readAllBytes(blockFile());
        byte[] t = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = (int) from; i <= b.length - t.length; i++) {
            for (int j = 0; j < t.length; j++) {
                if (b[i + j] != t[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError(text + " not in the block file");
    }
}
