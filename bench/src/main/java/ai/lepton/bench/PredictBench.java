package ai.lepton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/**
 * Prediction benchmark: a 10-feature logistic model trained and deployed on the packaged jar (embedded default),
 * then (1) single-instance requests at a fixed 1,000 requests/s, latency measured from the scheduled send time so
 * queueing is not hidden ({@link OpenLoop}, 16 keep-alive connections), (2) batched requests of 100 instances from
 * 4 concurrent clients, (3) the same open-loop load against {@link FloorServer}, the machine's own floor. Baseline in
 * the same run: the same model file loaded here and called directly with Tribuo's {@code Model.predict}.
 *
 * <p>Usage: {@code PredictBench <jar> <work dir> [seconds per phase]}.
 */
public final class PredictBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FEATURES = 10;

    private PredictBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Files.createDirectories(work);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8, r -> { // daemon threads: the JVM exits after the report
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                })).build();
        Servers.Lepton server = Servers.start(jar, work.resolve("server-" + System.nanoTime()),
                // the per-key rate limit (200/s by default) would turn the load into 429s; lifted for the benchmark
                Map.of("LEPTON_PLATFORM_SECURITY_RATE_LIMIT_PER_SECOND", "1000000",
                        "LEPTON_PLATFORM_SECURITY_RATE_LIMIT_BURST", "1000000"), List.of());
        try {
            Servers.awaitFirstRequest(server, http);
            Api api = new Api(http, server);
            api.post("/api/projects", "{\"name\":\"bench\"}", 201);
            api.post("/api/projects/bench/datasets", "{\"name\":\"points\"}", 201);
            api.send(HttpRequest.newBuilder(server.uri("/api/projects/bench/datasets/points/versions"))
                    .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(data(20_000))), 201);
            String job = api.post("/api/projects/bench/training-jobs", "{\"model\":\"clf\",\"dataset\":\"points\","
                    + "\"task\":\"classification\",\"algorithm\":\"logistic-regression\",\"target\":\"label\"}", 202)
                    .get("id").asText();
            while (!api.get("/api/projects/bench/training-jobs/" + job).get("state").asText().equals("SUCCEEDED")) {
                Thread.sleep(200);
            }
            api.post("/api/projects/bench/endpoints", "{\"name\":\"clf\",\"model\":\"clf\",\"version\":1}", 201);
            byte[] artifact = http.send(api.request("/api/projects/bench/models/clf/versions/1/artifact").GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            Path file = work.resolve("clf.tribuo");
            Files.write(file, artifact);
            @SuppressWarnings("unchecked")
            Model<Label> model = (Model<Label>) Model.deserializeFromFile(file);

            Random rnd = new Random(9);
            String single = body(rnd, 1);
            String hundred = body(rnd, 100);
            // warm-up of both paths
            direct(model, 1, 2);
            direct(model, 100, 2);
            closedLoop(api, hundred, 4, 3);
            // the server's request path keeps being compiled for its first ~15 s under load (p99 of consecutive 10 s
            // runs after 8 s of warm-up: 2.4, 1.0, 1.6 ms); steady state is what is measured
            OpenLoop.run(server.port(), "/api/projects/bench/endpoints/clf/predict", "Bearer " + Servers.ADMIN_KEY,
                    single, 1000, 20, 16);

            double directSingle = direct(model, 1, seconds);
            double directBatched = direct(model, 100, seconds);
            jsonOnly(hundred, 2); // warm-up
            double json = jsonOnly(hundred, seconds);
            OpenLoop.Result open = OpenLoop.run(server.port(), "/api/projects/bench/endpoints/clf/predict",
                    "Bearer " + Servers.ADMIN_KEY, single, 1000, seconds, 16);
            long[] latencies = open.latencies();
            // the floor of this machine and driver: the same open-loop load against the smallest HTTP responder (in
            // this JVM, no framework, fixed answer), so the prediction's latency can be read against what any
            // loopback request costs here
            OpenLoop.Result floor;
            try (FloorServer raw = new FloorServer()) {
                OpenLoop.run(raw.port(), "/", null, null, 1000, 2, 16);
                floor = OpenLoop.run(raw.port(), "/", null, null, 1000, seconds, 16);
            }
            double httpBatched = closedLoop(api, hundred, 4, seconds) * 100;

            String host = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
            System.out.printf(Locale.ROOT, "%nPrediction benchmark, %s, %d cores, %s, Java %s, %d s per phase%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), host,
                    System.getProperty("java.version"), seconds);
            System.out.println("| run | predictions/s | p50 ms | p99 ms | ratio to direct batched |");
            System.out.println("|---|---:|---:|---:|---:|");
            System.out.printf(Locale.ROOT, "| direct Model.predict, one at a time (baseline) | %,.0f | - | - | %.2f |%n",
                    directSingle, directSingle / directBatched);
            System.out.printf(Locale.ROOT, "| direct Model.predict, batches of 100 (baseline) | %,.0f | - | - | 1.00 |%n",
                    directBatched);
            System.out.printf(Locale.ROOT, "| HTTP, 1 instance per request at 1,000 req/s (%d answered, %d failed, late on %d) | %,.0f | %.2f | %.2f | %.4f |%n",
                    latencies.length, open.failed() + failures.get(), open.late(), latencies.length / (double) seconds,
                    percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
                    latencies.length / (double) seconds / directBatched);
            System.out.printf(Locale.ROOT, "| HTTP, 100 instances per request, 4 clients | %,.0f | - | - | %.2f |%n",
                    httpBatched, httpBatched / directBatched);
            System.out.printf(Locale.ROOT, "| bound: JSON only, Jackson streaming parse of the same 100-instance requests and write of their answers, no HTTP, no model, one thread | %,.0f | - | - | %.2f |%n",
                    json, json / directBatched);
            long[] floorLatencies = floor.latencies();
            System.out.printf(Locale.ROOT, "| floor: minimal HTTP responder in the bench JVM at 1,000 req/s, same driver (%d answered, %d failed, late on %d) | - | %.2f | %.2f | - |%n",
                    floorLatencies.length, floor.failed(), floor.late(), percentile(floorLatencies, 0.50) / 1e6,
                    percentile(floorLatencies, 0.99) / 1e6);
        } finally {
            server.stop();
        }
    }

    static final AtomicLong failures = new AtomicLong();

    static String data(int rows) {
        Random r = new Random(1);
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < FEATURES; f++) {
            sb.append('f').append(f).append(',');
        }
        sb.append("label\n");
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int f = 0; f < FEATURES; f++) {
                double v = r.nextGaussian();
                s += (f % 2 == 0 ? 1 : -1) * v;
                sb.append(String.format(Locale.ROOT, "%.4f,", v));
            }
            sb.append(s > 0 ? "up" : "down").append('\n');
        }
        return sb.toString();
    }

    static String body(Random r, int instances) {
        StringBuilder sb = new StringBuilder("{\"instances\":[");
        for (int i = 0; i < instances; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('{');
            for (int f = 0; f < FEATURES; f++) {
                if (f > 0) {
                    sb.append(',');
                }
                sb.append("\"f").append(f).append("\":").append(String.format(Locale.ROOT, "%.4f", r.nextGaussian()));
            }
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    /** Predictions per second calling the model in this JVM. */
    static double direct(Model<Label> model, int batch, int seconds) {
        Random r = new Random(3);
        List<Example<Label>> examples = new ArrayList<>();
        String[] names = new String[FEATURES];
        for (int f = 0; f < FEATURES; f++) {
            names[f] = "f" + f;
        }
        for (int i = 0; i < batch; i++) {
            double[] v = new double[FEATURES];
            for (int f = 0; f < FEATURES; f++) {
                v[f] = r.nextGaussian();
            }
            examples.add(new ArrayExample<>(new Label("?"), names, v));
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            if (batch == 1) {
                model.predict(examples.get(0));
            } else {
                model.predict(examples);
            }
            n += batch;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * Instances per second one thread spends on JSON alone for the batched requests: Jackson's streaming parser over
     * the request body (each instance's ten numbers read as doubles, no objects built) and its generator writing an
     * answer of the endpoint's shape (prediction and two scores per instance). No HTTP and no model: what any JSON API
     * must spend per instance at the least, and so a bound on the HTTP ratio.
     */
    static double jsonOnly(String body, int seconds) throws java.io.IOException {
        byte[] request = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.fasterxml.jackson.core.JsonFactory factory = new com.fasterxml.jackson.core.JsonFactory();
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream(16384);
        double[] x = new double[FEATURES];
        long instances = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        while (System.nanoTime() < end) {
            int read = 0;
            try (com.fasterxml.jackson.core.JsonParser p = factory.createParser(request)) {
                int k = 0;
                com.fasterxml.jackson.core.JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT
                            || t == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT) {
                        x[k++ % FEATURES] = p.getDoubleValue();
                    } else if (t == com.fasterxml.jackson.core.JsonToken.END_OBJECT && k > 0) {
                        read++;
                        k = 0;
                    }
                }
            }
            answer.reset();
            try (com.fasterxml.jackson.core.JsonGenerator g = factory.createGenerator(answer)) {
                g.writeStartObject();
                g.writeArrayFieldStart("predictions");
                for (int i = 0; i < read; i++) {
                    g.writeStartObject();
                    g.writeStringField("prediction", x[0] > 0 ? "up" : "down");
                    g.writeObjectFieldStart("scores");
                    g.writeNumberField("up", 0.9312345678 + x[i % FEATURES] * 1e-9);
                    g.writeNumberField("down", 0.0687654321 - x[i % FEATURES] * 1e-9);
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            instances += read;
        }
        return instances / ((System.nanoTime() - t0) / 1e9);
    }

    /** Requests per second with {@code clients} clients each waiting for its answer before sending again. */
    static double closedLoop(Api api, String body, int clients, int seconds) throws Exception {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                HttpRequest req = api.request("/api/projects/bench/endpoints/clf/predict").header("Content-Type",
                        "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                while (System.nanoTime() < end) {
                    try {
                        if (api.http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        return done.get() / ((System.nanoTime() - t0) / 1e9);
    }

    static double percentile(long[] values, double p) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v[Math.min(v.length - 1, (int) Math.ceil(p * v.length) - 1)];
    }

    /** Tiny JSON-over-HTTP helper with the bench admin key. */
    static final class Api {
        final HttpClient http;
        final Servers.Lepton server;

        Api(HttpClient http, Servers.Lepton server) {
            this.http = http;
            this.server = server;
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + Servers.ADMIN_KEY)
                    .timeout(Duration.ofMinutes(5));
        }

        JsonNode post(String path, String json, int expected) throws Exception {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)), expected);
        }

        JsonNode get(String path) throws Exception {
            return send(request(path).GET(), 200);
        }

        JsonNode send(HttpRequest.Builder b, int expected) throws Exception {
            HttpResponse<String> r = http.send(b.header("Authorization", "Bearer " + Servers.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != expected) {
                throw new IllegalStateException(r.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isEmpty() ? null : JSON.readTree(r.body());
        }
    }
}
