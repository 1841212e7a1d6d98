package ai.lepton.bench;

import ai.lepton.data.ingest.IngestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Runs only the ingest engine on the generated data, for profiling (e.g. with JFR), and prints what each run produced
 * (canonical SHA-256, rows, duplicates, rejected, a digest of the profiles and schema) so a change to the engine can be
 * checked for identical output. Usage: EngineOnly dir [rows] [runs].
 */
public final class EngineOnly {

    private EngineOnly() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Files.createDirectories(work);
        Path csv = work.resolve("ingest-" + rows + ".csv");
        if (!Files.exists(csv)) {
            BenchData.generate(csv, rows, 42);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < runs; i++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            IngestResult r = IngestBench.engine(csv, work.resolve("engine"));
            double s = (System.nanoTime() - t0) / 1e9;
            // CPU seconds of the whole process (both pipeline threads, GC, JIT): steadier than the wall time when
            // other work shares the cores
            double cpu = (os.getProcessCpuTime() - c0) / 1e9;
            String meta = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                    (r.columns() + "|" + r.profile() + "|" + r.rejectedSample()).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
            System.out.printf(Locale.ROOT, "engine run %d: %.2f s, %,.0f rows/s, %.2f cpu s; sha256 %s, %d rows, %d duplicates,"
                    + " %d rejected, profile %s%n", i, s, rows / s, cpu, r.sha256(), r.rows(), r.duplicatesRemoved(),
                    r.rejectedCount(), meta);
        }
    }
}
