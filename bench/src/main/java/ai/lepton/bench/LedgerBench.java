package ai.lepton.bench;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.TxStatus;
import ai.lepton.ledger.embedded.EmbeddedLedger;
import ai.lepton.ledger.embedded.LedgerOptions;
import ai.lepton.ledger.embedded.LocalCa;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Embedded ledger benchmark: anchors/s through {@code EmbeddedLedger} with the bench's own anchor contract
 * ({@link ai.lepton.bench.ledger.AnchorBenchContract}, run through the shim's ContractRouter), batched (up to 1,000
 * transactions per block, {@code submitAll}) and unbatched (one transaction per block, {@code submit}), fsync on;
 * then the time to reopen (replay) and {@code verify()} the chain holding every anchored record.
 *
 * <p>Baselines measured in the same run: appending the same records ({@code subject TAB digest NL}) to a plain file
 * with the same fsync pattern (per 1,000 records, per record), and reading the block file once while SHA-256 hashing
 * all of its bytes.
 *
 * <p>Usage: {@code LedgerBench <work dir> [records]} (default 1,000,000).
 */
public final class LedgerBench {

    private static final String ANCHOR = "AnchorContract:anchor";
    private static final int BATCH = 10_000;
    private static final int BLOCK = 1_000;
    private static final HexFormat HEX = HexFormat.of();

    private LedgerBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int records = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int unbatched = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        deleteTree(work);
        Files.createDirectories(work);
        List<String> rows = new ArrayList<>();
        LocalCa ca = LocalCa.open(work.resolve("ca"));
        LedgerIdentity who = ca.project("bench");
        LedgerOptions options = LedgerOptions.of(ca).withContractPackages("ai.lepton.bench.ledger")
                .withMaxBlockTransactions(BLOCK);

        // baseline: the same records appended to a plain file
        double plainBatched = plainAppend(work.resolve("plain-batched.tsv"), records, BLOCK);

        // batched: the 1,000,000-record chain
        Path dir = work.resolve("ledger-batched");
        double batchedRate;
        long blocks;
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, options)) {
            warmUp(ledger, who, 20_000);
            long t0 = System.nanoTime();
            int done = 0;
            while (done < records) {
                int n = Math.min(BATCH, records - done);
                List<Invocation> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(Invocation.of(ANCHOR, subject(done + i), digest(done + i)));
                }
                for (Receipt r : ledger.submitAll(who, batch)) {
                    if (r.status() != TxStatus.VALID) {
                        throw new IllegalStateException("anchor failed: " + r);
                    }
                }
                done += n;
                if (done % 100_000 == 0) {
                    System.out.printf(Locale.ROOT, "  batched: %,d anchored, %,.0f/s%n", done,
                            done / seconds(t0));
                }
            }
            batchedRate = records / seconds(t0);
            blocks = ledger.height();
            // idempotency: re-anchoring the same digests commits read-only transactions and changes nothing
            List<Invocation> again = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                again.add(Invocation.of(ANCHOR, subject(i), digest(i)));
            }
            long reanchored = ledger.submitAll(who, again).stream().filter(Receipt::valid).count();
            if (reanchored != 1000) {
                throw new IllegalStateException("re-anchoring was not idempotent");
            }
        }
        long fileBytes = Files.size(dir.resolve("blocks.dat"));

        long t1 = System.nanoTime();
        ChainVerification verification;
        double reopenSeconds;
        double verifySeconds;
        double liveHeapMib;
        try (EmbeddedLedger ledger = EmbeddedLedger.open(dir, options)) {
            reopenSeconds = seconds(t1);
            long t2 = System.nanoTime();
            verification = ledger.verify();
            verifySeconds = seconds(t2);
            liveHeapMib = liveHeapMib();
        }
        if (!verification.intact()) {
            throw new IllegalStateException("chain does not verify: " + verification);
        }
        double rawHashSeconds = rawHash(dir.resolve("blocks.dat"));

        // unbatched: one transaction per block, one fsync per transaction; alternated with its baseline, since an
        // fsync's cost depends on what the disk is still writing back
        double[] plainUnbatched = new double[2];
        double[] unbatchedRate = new double[2];
        for (int round = 0; round < 2; round++) {
            plainUnbatched[round] = plainAppend(work.resolve("plain-unbatched-" + round + ".tsv"), unbatched, 1);
            try (EmbeddedLedger ledger = EmbeddedLedger.open(work.resolve("ledger-unbatched-" + round),
                    options.withMaxBlockTransactions(1))) {
                warmUp(ledger, who, 500);
                long t0 = System.nanoTime();
                for (int i = 0; i < unbatched; i++) {
                    Receipt r = ledger.submit(who, ANCHOR, subject(i), digest(i));
                    if (r.status() != TxStatus.VALID) {
                        throw new IllegalStateException("anchor failed: " + r);
                    }
                }
                unbatchedRate[round] = unbatched / seconds(t0);
            }
        }

        rows.add("| run | records | anchors/s | ratio to plain-file append |");
        rows.add("|---|---:|---:|---:|");
        rows.add(row("plain file append, fsync per 1,000 records (baseline)", records, plainBatched, 1.0));
        rows.add(row("embedded ledger, batched (submitAll, <= 1,000 tx/block, fsync per block)", records,
                batchedRate, batchedRate / plainBatched));
        for (int round = 0; round < 2; round++) {
            rows.add(row("plain file append, fsync per record (baseline), round " + (round + 1), unbatched,
                    plainUnbatched[round], 1.0));
            rows.add(row("embedded ledger, unbatched (submit, 1 tx/block, fsync per block), round " + (round + 1),
                    unbatched, unbatchedRate[round], unbatchedRate[round] / plainUnbatched[round]));
        }
        rows.add("");
        rows.add(String.format(Locale.ROOT, "| chain of %,d anchored records | seconds | ratio to raw SHA-256 of the "
                + "file |", records));
        rows.add("|---|---:|---:|");
        rows.add(String.format(Locale.ROOT, "| read the block file and SHA-256 every byte (baseline) | %.2f | 1.00 |",
                rawHashSeconds));
        rows.add(String.format(Locale.ROOT, "| verify() | %.2f | %.2f |", verifySeconds,
                verifySeconds / rawHashSeconds));
        rows.add(String.format(Locale.ROOT, "| reopen (replay every block into state and history) | %.2f | %.2f |",
                reopenSeconds, reopenSeconds / rawHashSeconds));
        rows.add("");
        rows.add(String.format(Locale.ROOT, "Heap in use after reopening the chain and a full GC (world state and "
                + "history of every key, in memory): %,.0f MiB.", liveHeapMib));
        rows.add(String.format(Locale.ROOT, "Block file: %,d bytes (%,.0f bytes per anchor), %,d blocks, %,d "
                + "transactions verified. Date %s, %d CPUs, Java %s.", fileBytes, (double) fileBytes / records,
                blocks, verification.transactions(), LocalDate.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        Path summary = work.resolve("summary.md");
        Files.write(summary, rows, StandardCharsets.UTF_8);
        rows.forEach(System.out::println);
        System.out.println("written to " + summary);
    }

    private static void warmUp(EmbeddedLedger ledger, LedgerIdentity who, int n) {
        // starts the chaincode router (the shim scans the class path once) and warms the JIT, off the clock
        List<Invocation> warm = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            warm.add(Invocation.of(ANCHOR, "warm-up-" + i, digest(-1 - i)));
        }
        ledger.submitAll(who, warm);
    }

    private static String subject(int i) {
        return "dataset-version:" + (i / 10) + ":" + (i % 10);
    }

    private static String digest(int i) {
        long x = i * 0x9E3779B97F4A7C15L;
        StringBuilder sb = new StringBuilder(64);
        for (int k = 0; k < 4; k++) {
            x ^= x >>> 31;
            x *= 0xBF58476D1CE4E5B9L;
            sb.append(String.format(Locale.ROOT, "%016x", x));
        }
        return sb.toString();
    }

    private static double plainAppend(Path file, int n, int perSync) throws IOException {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                sb.append(subject(i)).append('\t').append(digest(i)).append('\n');
                if ((i + 1) % perSync == 0 || i == n - 1) {
                    ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
                    while (b.hasRemaining()) {
                        ch.write(b);
                    }
                    ch.force(false);
                    sb.setLength(0);
                }
            }
        }
        return n / seconds(t0);
    }

    private static double rawHash(Path file) throws Exception {
        long t0 = System.nanoTime();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        HEX.formatHex(md.digest());
        return seconds(t0);
    }

    private static double liveHeapMib() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static String row(String what, int n, double rate, double ratio) {
        return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.2f |", what, n, rate, ratio);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
