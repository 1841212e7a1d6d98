package ai.lepton.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Runs only the ingest engine on the generated data, for profiling (e.g. with JFR). Usage: EngineOnly dir [rows] [runs]. */
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
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            IngestBench.engine(csv, work.resolve("engine"));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "engine run %d: %.2f s, %,.0f rows/s%n", i, s, rows / s);
        }
    }
}
