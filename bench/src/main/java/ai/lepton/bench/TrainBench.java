package ai.lepton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training benchmark: linear-sgd classification on a generated 10-feature dataset (1,000,000 rows by default),
 * uploaded to the packaged jar (embedded default, {@code -Xmx256m} by default: the job trains from spill files, so its
 * heap does not grow with the rows) and trained as a job; reports the job's seconds, the server's peak and largest
 * live heap from its GC log, and the test accuracy.
 *
 * <p>Usage: {@code TrainBench <jar> <work dir> [rows] [server heap, e.g. 256m]}. The in-JVM baseline holds every
 * example in memory, so it is skipped when the bench JVM's heap is too small for the rows.
 */
public final class TrainBench {

    private TrainBench() {
    }

    record Baseline(double seconds, long liveMiB) {
    }

    /**
     * The same training without the platform: the CSV parsed here into Tribuo examples (all rows, where the job trains
     * on its 70 % split), then {@code LinearSGDTrainer} with the job's defaults (hinge loss, AdaGrad 1.0, minibatch 1,
     * seed 42), 3 epochs. Timed from the first row read to the trained model, as the job's time is.
     */
    static Baseline baseline(Path csv, int rows) throws Exception {
        System.gc();
        long t0 = System.nanoTime();
        org.tribuo.classification.LabelFactory factory = new org.tribuo.classification.LabelFactory();
        org.tribuo.MutableDataset<org.tribuo.classification.Label> data = new org.tribuo.MutableDataset<>(
                new org.tribuo.provenance.SimpleDataSourceProvenance("bench", factory), factory);
        java.util.Map<String, org.tribuo.classification.Label> labels = new java.util.HashMap<>();
        try (java.io.BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String[] names = r.readLine().split(",");
            String[] features = java.util.Arrays.copyOf(names, 10);
            String line;
            double[] values = new double[10];
            while ((line = r.readLine()) != null) {
                String[] parts = line.split(",");
                for (int f = 0; f < 10; f++) {
                    values[f] = Double.parseDouble(parts[f]);
                }
                data.add(new org.tribuo.impl.ArrayExample<>(labels.computeIfAbsent(parts[10],
                        org.tribuo.classification.Label::new), features, values));
            }
        }
        org.tribuo.classification.sgd.linear.LinearSGDTrainer trainer =
                new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                        new org.tribuo.classification.sgd.objectives.Hinge(),
                        new org.tribuo.math.optimisers.AdaGrad(1.0, 1e-6), 3, 1_000_000, 1, 42L);
        org.tribuo.Model<org.tribuo.classification.Label> model = trainer.train(data);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long live = (rt.totalMemory() - rt.freeMemory()) >> 20;
        if (model == null || data.size() != rows) {
            throw new IllegalStateException("baseline trained on " + data.size() + " rows");
        }
        return new Baseline(seconds, live);
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        String serverHeap = args.length > 3 ? args[3] : "256m";
        Files.createDirectories(work);
        Path csv = work.resolve("train-" + rows + ".csv");
        if (!Files.exists(csv)) {
            Random r = new Random(1);
            try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                for (int f = 0; f < 10; f++) {
                    w.write("f" + f + ",");
                }
                w.write("label\n");
                for (int i = 0; i < rows; i++) {
                    double s = 0;
                    StringBuilder sb = new StringBuilder(120);
                    for (int f = 0; f < 10; f++) {
                        double v = r.nextGaussian();
                        s += (f % 3 == 0 ? 1.5 : -0.5) * v;
                        sb.append(String.format(Locale.ROOT, "%.5f,", v));
                    }
                    sb.append(s + r.nextGaussian() * 0.1 > 0 ? "up" : "down").append('\n');
                    w.write(sb.toString());
                }
            }
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Servers.Lepton server = Servers.start(jar, work.resolve("server-" + System.nanoTime()), Map.of(),
                List.of("-Xmx" + serverHeap, "-XX:+UseG1GC"));
        try {
            Servers.awaitFirstRequest(server, http);
            PredictBench.Api api = new PredictBench.Api(http, server);
            api.post("/api/projects", "{\"name\":\"bench\"}", 201);
            api.post("/api/projects/bench/datasets", "{\"name\":\"big\"}", 201);
            api.send(api.request("/api/projects/bench/datasets/big/versions").header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv)), 201);
            long[] heapBefore = server.heapMiB(0);
            // the upload's garbage would otherwise sit in the old generation and read as live during the job
            boolean settled = server.fullGc();
            int mark = server.gcLogLines();
            String job = api.post("/api/projects/bench/training-jobs", "{\"model\":\"big\",\"dataset\":\"big\","
                    + "\"task\":\"classification\",\"algorithm\":\"linear-sgd\",\"target\":\"label\","
                    + "\"hyperparameters\":{\"epochs\":3}}", 202).get("id").asText();
            JsonNode j;
            do {
                Thread.sleep(500);
                j = api.get("/api/projects/bench/training-jobs/" + job);
            } while (!j.get("state").asText().matches("SUCCEEDED|FAILED|CANCELLED"));
            double seconds = Duration.between(Instant.parse(j.get("startedAt").asText()),
                    Instant.parse(j.get("finishedAt").asText())).toMillis() / 1000.0;
            // the GCs from the job's submission on: the upload before it (parsing, profiling) has its own peak
            long[] heap = server.heapMiB(mark);
            // Tribuo's MutableDataset plus the trainer's own copies: about 700 bytes of heap per row at the peak
            Baseline base = Runtime.getRuntime().maxMemory() >= 700L * rows ? baseline(csv, rows) : null;
            JsonNode v = api.get("/api/projects/bench/models/big/versions/1");
            String host = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
            System.out.printf(Locale.ROOT, "%nTraining benchmark, %s, %d cores, %s, Java %s%n", LocalDate.now(),
                    Runtime.getRuntime().availableProcessors(), host, System.getProperty("java.version"));
            System.out.println("| run | state | seconds | rows/s | heap MiB | test accuracy | time ratio to baseline |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|");
            if (base != null) {
                System.out.printf(Locale.ROOT, "| baseline: Tribuo LinearSGDTrainer in the bench JVM, examples built from the parsed CSV, %,d rows, 3 epochs | - | %.1f | %,.0f | %d live after training | - | 1.00 |%n",
                        rows, base.seconds(), rows / base.seconds(), base.liveMiB());
            } else {
                System.out.printf(Locale.ROOT, "| baseline: skipped, %,d rows do not fit the bench JVM's %d MiB heap | - | - | - | - | - | - |%n",
                        rows, Runtime.getRuntime().maxMemory() >> 20);
            }
            System.out.printf(Locale.ROOT, "| Lepton job: linear-sgd, %,d rows x 10 features (70 %% trained), 3 epochs, server -Xmx%s | %s | %.1f | %,.0f | %d peak / %d max live during the job (upload before it: %d / %d) | %s | %s |%n",
                    rows, serverHeap, j.get("state").asText(), seconds, rows / seconds, heap[0], heap[1],
                    heapBefore[0], heapBefore[1], v.path("metrics").path("accuracy").asText("-"),
                    base == null ? "-" : String.format(Locale.ROOT, "%.2f", seconds / base.seconds()));
            if (!settled) {
                System.out.println("(no full GC before the job: jcmd unavailable; its live heap includes the upload's garbage)");
            }
            if (!"SUCCEEDED".equals(j.get("state").asText())) {
                System.out.println("job error: " + j.path("error").asText());
            }
        } finally {
            server.stop();
        }
    }
}
