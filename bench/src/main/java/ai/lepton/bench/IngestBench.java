package ai.lepton.bench;

import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.SourceFormat;
import ai.lepton.data.ingest.CsvTokenizer;
import ai.lepton.data.ingest.IngestOptions;
import ai.lepton.data.ingest.IngestPipeline;
import ai.lepton.data.ingest.IngestResult;
import ai.lepton.data.ingest.IngestSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * Ingest benchmark: a generated 1,000,000-row, 10-column CSV (5 % duplicate rows, 1 % bad cells) uploaded over HTTP
 * to the packaged jar on the embedded default (H2) and on the prod profile (PostgreSQL + AMQP), each server limited
 * to a 512 MiB heap. Baselines measured in the same run: parsing the file with commons-csv alone (the reference CSV
 * library) and with Lepton's own tokenizer alone; the ingest engine without HTTP is reported too.
 *
 * <p>Usage: {@code IngestBench <jar> <work dir> [rows]}.
 */
public final class IngestBench {

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long rows = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
        Files.createDirectories(work);
        Path csv = work.resolve("ingest-" + rows + ".csv");
        BenchData.Stats data = BenchData.generate(csv, rows, 42);
        System.out.printf(Locale.ROOT, "data: %d rows, %.1f MiB, %d duplicate rows, %d bad cells%n", data.rows(),
                data.bytes() / 1048576.0, data.duplicates(), data.badCells());

        List<String> lines = new ArrayList<>();
        // warm up the in-process baselines once, then measure best of 3
        commonsCsv(csv);
        ownTokenizer(csv);
        double commons = best(() -> commonsCsv(csv), 3);
        double tokenizer = best(() -> ownTokenizer(csv), 3);
        double engine = best(() -> engine(csv, work.resolve("engine")), 2);
        lines.add(row("commons-csv 1.14.1 parse only (baseline)", rows / commons, commons, "-", "-", 1.0));
        lines.add(row("Lepton CsvTokenizer parse only", rows / tokenizer, tokenizer, "-", "-", commons / tokenizer));
        lines.add(row("Lepton ingest engine, no HTTP (in the bench JVM)", rows / engine, engine, "-", "-",
                commons / engine));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<String> jvm = List.of("-Xmx512m", "-XX:+UseG1GC");
        // embedded default
        Servers.Lepton h2 = Servers.start(jar, work.resolve("server-h2-" + System.nanoTime()), Map.of(), jvm);
        try {
            Servers.awaitFirstRequest(h2, http);
            double t = upload(h2, http, csv, "sales");
            double warm = upload(h2, http, csv, "sales-again");
            long[] heap = h2.heapMiB();
            lines.add(row("end to end, embedded default (H2), first upload", rows / t, t, heap[0] + " / " + heap[1],
                    h2.rssMiB() + "", commons / t));
            lines.add(row("end to end, embedded default (H2), second upload", rows / warm, warm, "", "",
                    commons / warm));
        } finally {
            h2.stop();
        }
        // prod profile on PostgreSQL and an AMQP broker
        int amqpPort = Servers.freePort();
        try (EmbeddedPostgres pg = Servers.postgres()) {
            EmbeddedActiveMQ broker = Servers.artemis(amqpPort);
            Servers.Lepton prod = Servers.start(jar, work.resolve("server-pg-" + System.nanoTime()), Map.of(
                    "QUARKUS_PROFILE", "prod",
                    "LEPTON_DB_URL", pg.getJdbcUrl("postgres", "postgres"),
                    "LEPTON_DB_USER", "postgres", "LEPTON_DB_PASSWORD", "postgres",
                    "LEPTON_AMQP_HOST", "127.0.0.1", "LEPTON_AMQP_PORT", Integer.toString(amqpPort)), jvm);
            try {
                Servers.awaitFirstRequest(prod, http);
                double t = upload(prod, http, csv, "sales");
                double warm = upload(prod, http, csv, "sales-again");
                long[] heap = prod.heapMiB();
                lines.add(row("end to end, prod profile (PostgreSQL + AMQP), first upload", rows / t, t,
                        heap[0] + " / " + heap[1], prod.rssMiB() + "", commons / t));
                lines.add(row("end to end, prod profile (PostgreSQL + AMQP), second upload", rows / warm, warm, "", "",
                        commons / warm));
            } finally {
                prod.stop();
                broker.stop();
            }
        }
        String host = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        System.out.println();
        System.out.printf(Locale.ROOT, "Ingest benchmark, %s, %d cores, %s, Java %s%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), host, System.getProperty("java.version"));
        System.out.println("| run | rows/s | seconds | server heap MiB (peak / max live) | server RSS MiB | ratio to commons-csv parse |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        lines.forEach(System.out::println);
    }

    interface Timed {
        void run() throws Exception;
    }

    static double best(Timed t, int times) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            t.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    static String row(String name, double rowsPerSecond, double seconds, String heap, String rss, double ratio) {
        return String.format(Locale.ROOT, "| %s | %,.0f | %.2f | %s | %s | %.2f |", name, rowsPerSecond, seconds,
                heap, rss, ratio);
    }

    static long sink;

    static void commonsCsv(Path csv) throws Exception {
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            long n = 0;
            for (CSVRecord rec : p) {
                for (int i = 0; i < rec.size(); i++) {
                    n += rec.get(i).length();
                }
            }
            sink += n;
        }
    }

    static void ownTokenizer(Path csv) throws Exception {
        try (Reader r = new BufferedReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8), 1 << 16)) {
            CsvTokenizer t = new CsvTokenizer(r, 1 << 20, 1024);
            long n = 0;
            while (t.next()) {
                String[] f = t.fields();
                for (int i = 0; i < t.count(); i++) {
                    n += f[i].length();
                }
            }
            sink += n;
        }
    }

    /** Runs the ingest engine alone on the file (canonical output deleted afterwards); returns what it produced. */
    static IngestResult engine(Path csv, Path work) throws Exception {
        IngestPipeline p = new IngestPipeline(IngestSettings.defaults(work));
        try (InputStream in = Files.newInputStream(csv)) {
            IngestResult r = p.run(in, SourceFormat.CSV, new IngestOptions(ErrorPolicy.NULL_CELL, PiiPolicy.KEEP, null));
            sink += r.rows();
            Files.deleteIfExists(r.canonicalFile());
            return r;
        }
    }

    /** Uploads the file into a new dataset (in project "bench", created on first use); returns the seconds taken. */
    static double upload(Servers.Lepton l, HttpClient http, Path csv, String dataset) throws Exception {
        String key = "Bearer " + Servers.ADMIN_KEY;
        String project = "bench";
        HttpResponse<String> p = http.send(HttpRequest.newBuilder(l.uri("/api/projects")).header("Authorization", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + project + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (p.statusCode() != 201 && p.statusCode() != 409) {
            throw new IllegalStateException("creating the project failed: " + p.body());
        }
        send(http, HttpRequest.newBuilder(l.uri("/api/projects/" + project + "/datasets")).header("Authorization", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + dataset + "\"}")).build(), 201);
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(http, HttpRequest.newBuilder(l.uri("/api/projects/" + project
                + "/datasets/" + dataset + "/versions")).header("Authorization", key).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofFile(csv)).build(), 201);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String body = r.body();
        System.out.println("  server answered: " + body.substring(0, Math.min(body.length(), 160)) + "...");
        return seconds;
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest req, int expected) throws Exception {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(req.uri() + " answered " + r.statusCode() + ": " + r.body());
        }
        return r;
    }
}
