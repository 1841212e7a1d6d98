package ai.lepton.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reading and writing files laid out like NAB's: {@code data/<category>/<file>.csv} with a {@code timestamp,value}
 * header, labels as {@code {"<category>/<file>.csv": [[start, end], ...]}}, and results as
 * {@code results/<detector>/<category>/<detector>_<file>.csv} with a {@code timestamp,value,anomaly_score} header.
 */
public final class NabCorpus {

    private NabCorpus() {
    }

    /** One data file: its path relative to the data directory ({@code category/file.csv}) and its rows. */
    public record DataFile(String relative, List<String> timestampText, List<String> valueText,
            LocalDateTime[] timestamps, long[] epochMillis, double[] values) {

        public int rows() {
            return values.length;
        }

        public String category() {
            return relative.substring(0, relative.indexOf('/'));
        }

        public String fileName() {
            return relative.substring(relative.indexOf('/') + 1);
        }
    }

    /** Every {@code <category>/<file>.csv} under {@code dataDir}, sorted by relative path. */
    public static List<DataFile> readData(Path dataDir) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(dataDir, 2)) {
            paths = s.filter(p -> p.getNameCount() - dataDir.getNameCount() == 2)
                    .filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
        List<DataFile> out = new ArrayList<>();
        for (Path p : paths) {
            out.add(readDataFile(dataDir.relativize(p).toString().replace('\\', '/'), p));
        }
        return out;
    }

    static DataFile readDataFile(String relative, Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(path + ": empty file");
        }
        List<String> header = splitCsv(lines.get(0));
        int ts = header.indexOf("timestamp");
        int value = header.indexOf("value");
        if (ts < 0 || value < 0) {
            throw new IOException(path + ": header must name timestamp and value, is " + lines.get(0));
        }
        List<String> tsText = new ArrayList<>();
        List<String> valueText = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(lines.get(i));
            tsText.add(cells.get(ts));
            valueText.add(cells.get(value));
        }
        int n = tsText.size();
        LocalDateTime[] times = new LocalDateTime[n];
        long[] millis = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = parseTimestamp(tsText.get(i));
            millis[i] = times[i].toInstant(ZoneOffset.UTC).toEpochMilli();
            values[i] = Double.parseDouble(valueText.get(i));
        }
        return new DataFile(relative, List.copyOf(tsText), List.copyOf(valueText), times, millis, values);
    }

    /** NAB timestamps: {@code 2014-02-14 14:27:00} or with fractional seconds / a {@code T}. */
    public static LocalDateTime parseTimestamp(String text) {
        return LocalDateTime.parse(text.trim().replace(' ', 'T'));
    }

    /** Labels file: relative path to its windows' [start, end] timestamps. */
    public static Map<String, List<LocalDateTime[]>> readLabels(Path labels) throws IOException {
        JsonNode root = new ObjectMapper().readTree(labels.toFile());
        Map<String, List<LocalDateTime[]>> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            List<LocalDateTime[]> windows = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                windows.add(new LocalDateTime[] {parseTimestamp(w.get(0).asText()), parseTimestamp(w.get(1).asText())});
            }
            out.put(e.getKey(), windows);
        }
        return out;
    }

    /**
     * A file's windows as row indices. Like NAB's labeller, every window limit must be a timestamp of the file; the
     * first row with that timestamp is used (NAB's {@code timestamps.index}).
     */
    public static List<NabScorer.Window> windows(DataFile file, List<LocalDateTime[]> limits) {
        List<NabScorer.Window> out = new ArrayList<>();
        for (LocalDateTime[] l : limits) {
            out.add(new NabScorer.Window(indexOf(file, l[0]), indexOf(file, l[1])));
        }
        return out;
    }

    private static int indexOf(DataFile file, LocalDateTime t) {
        LocalDateTime[] ts = file.timestamps();
        for (int i = 0; i < ts.length; i++) {
            if (ts[i].equals(t)) {
                return i;
            }
        }
        throw new IllegalArgumentException(file.relative() + ": window limit " + t + " is not a timestamp of the file");
    }

    /** {@code results/<detector>/<category>/<detector>_<file>.csv}. */
    public static Path resultPath(Path resultsDir, String detector, DataFile file) {
        return resultsDir.resolve(detector).resolve(file.category()).resolve(detector + "_" + file.fileName());
    }

    /**
     * Writes a results file: the input's timestamp and value text verbatim and the score rounded to 12 significant
     * digits. NAB's published result files hold 12 significant digits (Python 2's {@code str(float)}), and NAB's
     * scorer reads scores back from these files, so the rounding is part of what NAB scores: scores within 5e-13 of
     * 1 become exactly 1.0 and share the top threshold.
     */
    public static void writeResults(Path out, DataFile file, double[] scores) throws IOException {
        Files.createDirectories(out.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score\n");
            for (int i = 0; i < file.rows(); i++) {
                w.write(file.timestampText().get(i));
                w.write(',');
                w.write(file.valueText().get(i));
                w.write(',');
                w.write(format12(scores[i]));
                w.write('\n');
            }
        }
    }

    static String format12(double x) {
        if (x == 0.0) {
            return "0.0";
        }
        return new BigDecimal(x).round(new MathContext(12, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }

    /** Reads the {@code anomaly_score} column of a results file, checking it row for row against the data file. */
    public static double[] readScores(Path results, DataFile file) throws IOException {
        List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
        List<String> header = splitCsv(lines.get(0));
        int ts = header.indexOf("timestamp");
        int score = header.indexOf("anomaly_score");
        if (ts < 0 || score < 0) {
            throw new IOException(results + ": header must name timestamp and anomaly_score");
        }
        double[] out = new double[file.rows()];
        int row = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = splitCsv(lines.get(i));
            if (row >= out.length || !parseTimestamp(cells.get(ts)).equals(file.timestamps()[row])) {
                throw new IOException(results + ": row " + (row + 1) + " does not match " + file.relative());
            }
            out[row++] = Double.parseDouble(cells.get(score));
        }
        if (row != out.length) {
            throw new IOException(results + ": " + row + " rows, data file has " + out.length);
        }
        return out;
    }

    /** Splits a simple CSV line (NAB files have no embedded commas); strips surrounding quotes. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            String c = cell.strip();
            if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                c = c.substring(1, c.length() - 1);
            }
            out.add(c);
        }
        return out;
    }
}
