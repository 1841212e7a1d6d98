package ai.lepton.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the ingest benchmark's CSV deterministically: 10 columns (integer, timestamp, two categoricals, integer,
 * two decimals, email, free text, boolean), 5 % of rows exact copies of an earlier row, 1 % of all cells bad (a
 * value that does not parse as its column's type).
 */
final class BenchData {

    static final String HEADER = "id,ts,region,product,qty,price,discount,email,note,active";
    static final String[] REGIONS = {"north", "south", "east", "west", "central", "emea", "apac", "latam"};
    static final String[] WORDS = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
        "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"};

    /** What was generated, for checking the server's answer. */
    record Stats(long rows, long duplicates, long badCells, long bytes) {
    }

    private BenchData() {
    }

    static Stats generate(Path file, long rows, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> recent = new ArrayList<>(1024);
        long duplicates = 0;
        long bad = 0;
        long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (long i = 0; i < rows; i++) {
                String line;
                if (i > 100 && rnd.nextInt(100) < 5) {
                    line = recent.get(rnd.nextInt(recent.size()));
                    duplicates++;
                } else {
                    // one bad cell in 10 % of fresh rows = 1 % of cells; only in typed columns
                    int badColumn = rnd.nextInt(10) == 0 ? new int[] {0, 1, 4, 5, 6, 9}[rnd.nextInt(6)] : -1;
                    if (badColumn >= 0) {
                        bad++;
                    }
                    StringBuilder sb = new StringBuilder(160);
                    sb.append(badColumn == 0 ? "x" + i : Long.toString(i)).append(',');
                    sb.append(badColumn == 1 ? "yesterday" : Instant.ofEpochSecond(start + i * 7).toString()).append(',');
                    sb.append(REGIONS[rnd.nextInt(REGIONS.length)]).append(',');
                    sb.append("sku-").append(rnd.nextInt(50)).append(',');
                    sb.append(badColumn == 4 ? "many" : Integer.toString(1 + rnd.nextInt(20))).append(',');
                    sb.append(badColumn == 5 ? "n/a!" : (rnd.nextInt(100000) / 100.0)).append(',');
                    sb.append(badColumn == 6 ? "tbd" : "0." + rnd.nextInt(10) + rnd.nextInt(10)).append(',');
                    sb.append("user").append(rnd.nextInt(200000)).append("@example.com").append(',');
                    sb.append('"').append(WORDS[rnd.nextInt(16)]).append(' ').append(WORDS[rnd.nextInt(16)])
                            .append(", ").append(WORDS[rnd.nextInt(16)]).append('"').append(',');
                    sb.append(badColumn == 9 ? "maybe" : rnd.nextBoolean() ? "true" : "false");
                    line = sb.toString();
                    if (recent.size() < 1024) {
                        recent.add(line);
                    } else {
                        recent.set(rnd.nextInt(1024), line);
                    }
                }
                w.write(line);
                w.write('\n');
            }
        }
        return new Stats(rows, duplicates, bad, Files.size(file));
    }
}
