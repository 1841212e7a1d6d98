package ai.lepton.ml.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;

/** Trains real Tribuo models on generated data with known answers, through the API. */
@QuarkusTest
class TrainingJobTest {

    static void dataset(String project, String name, String csv) {
        admin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects/" + project + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + project + "/datasets/" + name + "/versions").then().statusCode(201);
    }

    /** Two numeric features and a categorical one; label = whether x1 + x2 > 0 (linearly separable). */
    static String separable(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("x1,x2,colour,label\n");
        for (int i = 0; i < rows; i++) {
            double x1 = r.nextGaussian() * 3;
            double x2 = r.nextGaussian() * 3;
            if (Math.abs(x1 + x2) < 0.5) {
                x1 += Math.signum(x1 + x2 + 1e-9);
            }
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%s,%s%n", x1, x2,
                    new String[] {"red", "green", "blue"}[r.nextInt(3)], x1 + x2 > 0 ? "yes" : "no"));
        }
        return sb.toString();
    }

    static Map<String, Object> job(String dataset, String task, String algorithm, String target) {
        Map<String, Object> m = new HashMap<>();
        m.put("dataset", dataset);
        m.put("task", task);
        m.put("algorithm", algorithm);
        if (target != null) {
            m.put("target", target);
        }
        return m;
    }

    static String submit(String project, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post("/api/projects/" + project + "/training-jobs")
                .then().statusCode(202).body("state", equalTo("QUEUED")).extract().path("id");
    }

    static Response awaitEnd(String project, String id) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String state = admin().get("/api/projects/" + project + "/training-jobs/" + id).then().extract().path("state");
            return List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state);
        });
        return admin().get("/api/projects/" + project + "/training-jobs/" + id);
    }

    @Test
    void logisticRegressionLearnsASeparableProblemAndIsRegisteredWithItsProvenance() throws Exception {
        String p = newProject("ml");
        dataset(p, "points", separable(1000, 1));
        Map<String, Object> body = job("points", "classification", "logistic-regression", "label");
        body.put("model", "points-clf");
        body.put("hyperparameters", Map.of("epochs", 20));
        String id = submit(p, body);
        awaitEnd(p, id).then().body("state", equalTo("SUCCEEDED")).body("progress", equalTo(1.0f))
                .body("modelVersion", equalTo(1)).body("startedAt", notNullValue());
        Response v = admin().get("/api/projects/" + p + "/models/points-clf/versions/1");
        v.then().statusCode(200)
                .body("task", equalTo("classification"))
                .body("dataset.name", equalTo("points"))
                .body("dataset.version", equalTo(1))
                .body("features.name", hasItem("colour"))
                .body("features.find { it.name == 'colour' }.kind", equalTo("categorical"))
                .body("hyperparameters.epochs", equalTo(20))
                .body("seed", equalTo(42))
                .body("stage", equalTo("none"))
                // yes/no cells are booleans to the data module, so the labels are true/false
                .body("metrics.confusionMatrix.labels", equalTo(List.of("false", "true")))
                .body("provenance", notNullValue());
        float accuracy = v.path("metrics.accuracy");
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95f);
        assertThat(v.<Float>path("metrics.macroF1")).isGreaterThan(0.9f);
        assertThat(v.asString()).contains("LinearSGDTrainer");
        String datasetSha = admin().get("/api/projects/" + p + "/datasets/points/versions/1").then().extract().path("sha256");
        assertThat(v.<String>path("dataset.sha256")).isEqualTo(datasetSha);

        // the artifact is the Tribuo protobuf model: its digest matches and it loads and predicts
        byte[] artifact = admin().get("/api/projects/" + p + "/models/points-clf/versions/1/artifact").then()
                .statusCode(200).extract().asByteArray();
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact)))
                .isEqualTo(v.path("artifactSha256"));
        Path file = Files.createTempFile("model", ".tribuo");
        Files.write(file, artifact);
        @SuppressWarnings("unchecked")
        Model<Label> model = (Model<Label>) Model.deserializeFromFile(file);
        Files.delete(file);
        ArrayExample<Label> positive = new ArrayExample<>(new Label("?"), new String[] {"x1", "x2"}, new double[] {4, 3});
        assertThat(model.predict(positive).getOutput().getLabel()).isEqualTo("true");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin().get("/api/projects/" + p + "/events?type=ModelVersionRegistered").then().extract()
                        .<List<String>>path("items.payload.model")).contains("points-clf"));
    }

    @Test
    void regressionLearnsAKnownLinearFunction() {
        String p = newProject("reg");
        Random r = new Random(3);
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 800; i++) {
            double a = r.nextDouble() * 10 - 5;
            double b = r.nextDouble() * 10 - 5;
            sb.append(String.format(java.util.Locale.ROOT, "%.5f,%.5f,%.5f%n", a, b, 3 * a - 2 * b + 5));
        }
        dataset(p, "linear", sb.toString());
        Map<String, Object> body = job("linear", "regression", "linear-sgd", "y");
        body.put("hyperparameters", Map.of("epochs", 50, "learningRate", 0.5));
        String id = submit(p, body);
        awaitEnd(p, id).then().body("state", equalTo("SUCCEEDED")).body("model", equalTo("linear-linear-sgd"));
        Response v = admin().get("/api/projects/" + p + "/models/linear-linear-sgd/versions/1");
        assertThat(v.<Float>path("metrics.r2")).isGreaterThanOrEqualTo(0.99f);
        assertThat(v.<Float>path("metrics.rmse")).isLessThan(1.0f);
    }

    @Test
    void treesAndBoostingLearnTheSeparableProblemToo() {
        String p = newProject("trees");
        dataset(p, "points", separable(600, 2));
        String cart = submit(p, job("points", "classification", "cart", "label"));
        awaitEnd(p, cart).then().body("state", equalTo("SUCCEEDED"));
        Map<String, Object> xgb = job("points", "classification", "xgboost", "label");
        xgb.put("hyperparameters", Map.of("trees", 30));
        String boosted = submit(p, xgb);
        awaitEnd(p, boosted).then().body("state", equalTo("SUCCEEDED"));
        assertThat(admin().get("/api/projects/" + p + "/models/points-cart/versions/1").then().extract()
                .<Float>path("metrics.accuracy")).isGreaterThanOrEqualTo(0.9f);
        assertThat(admin().get("/api/projects/" + p + "/models/points-xgboost/versions/1").then().extract()
                .<Float>path("metrics.accuracy")).isGreaterThanOrEqualTo(0.9f);
    }

    @Test
    void kmeansFindsThreeSeparatedBlobs() {
        String p = newProject("km");
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder("u,v\n");
        double[][] centres = {{0, 0}, {20, 20}, {-20, 20}};
        for (int i = 0; i < 600; i++) {
            double[] c = centres[i % 3];
            sb.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f%n", c[0] + r.nextGaussian(), c[1] + r.nextGaussian()));
        }
        dataset(p, "blobs", sb.toString());
        Map<String, Object> body = job("blobs", "clustering", "kmeans", null);
        body.put("hyperparameters", Map.of("k", 3));
        awaitEnd(p, submit(p, body)).then().body("state", equalTo("SUCCEEDED"));
        Response v = admin().get("/api/projects/" + p + "/models/blobs-kmeans/versions/1");
        List<Integer> sizes = v.path("metrics.clusterSizes");
        assertThat(sizes).hasSize(3).allSatisfy(s -> assertThat(s).isBetween(25, 60));
        // three tight unit-variance blobs: about 2 (variance per point) x test rows
        assertThat(v.<Float>path("metrics.withinClusterSumOfSquares")).isLessThan(2.0f * 120 * 1.6f);
    }

    @Test
    void oneClassSvmOnANabSeriesIsMeasuredAgainstItsLabelledWindows() throws IOException {
        String p = newProject("nab");
        DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        LocalDateTime[][] windows = {
            {LocalDateTime.parse("2014-02-26 13:45:00", f), LocalDateTime.parse("2014-02-27 06:25:00", f)},
            {LocalDateTime.parse("2014-02-27 08:55:00", f), LocalDateTime.parse("2014-02-28 01:35:00", f)}};
        StringBuilder sb = new StringBuilder("timestamp,value,anomaly\n");
        int anomalous = 0;
        try (InputStream in = getClass().getResourceAsStream("/nab/ec2_cpu_utilization_24ae8d.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] parts = line.split(",");
                LocalDateTime t = LocalDateTime.parse(parts[0], f);
                boolean inWindow = false;
                for (LocalDateTime[] w : windows) {
                    inWindow |= !t.isBefore(w[0]) && !t.isAfter(w[1]);
                }
                anomalous += inWindow ? 1 : 0;
                sb.append(parts[0]).append(',').append(parts[1]).append(',').append(inWindow).append('\n');
            }
        }
        assertThat(anomalous).isGreaterThan(100);
        dataset(p, "cpu", sb.toString());
        Map<String, Object> body = job("cpu", "anomaly", "one-class-svm", "anomaly");
        body.put("features", List.of("value"));
        awaitEnd(p, submit(p, body)).then().body("state", equalTo("SUCCEEDED"));
        Response v = admin().get("/api/projects/" + p + "/models/cpu-one-class-svm/versions/1");
        int tp = v.path("metrics.truePositives");
        int fn = v.path("metrics.falseNegatives");
        int fp = v.path("metrics.falsePositives");
        int tn = v.path("metrics.trueNegatives");
        assertThat(tp + fn + fp + tn).isEqualTo(v.<Integer>path("metrics.testRows"));
        assertThat(tp + fn).isPositive();
        assertThat(v.<Float>path("metrics.precision")).isBetween(0f, 1f);
        assertThat(v.<Float>path("metrics.recall")).isBetween(0f, 1f);
    }

    @Test
    void invalidRequestsAreRefusedNamingTheField() {
        String p = newProject("mlbad");
        dataset(p, "mixed", "id,name,score,label\n1,alpha beta,0.5,yes\n2,gamma delta,0.7,no\n3,epsilon zeta,0.1,yes\n"
                + "4,eta theta,0.9,no\n");
        String url = "/api/projects/" + p + "/training-jobs";
        admin().contentType(ContentType.JSON).body(job("mixed", "classification", "magic", "label")).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("algorithm"));
        admin().contentType(ContentType.JSON).body(job("mixed", "classification", "kmeans", "label")).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("algorithm"));
        admin().contentType(ContentType.JSON).body(job("mixed", "regression", "cart", "label")).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("target"));
        admin().contentType(ContentType.JSON).body(job("mixed", "classification", "cart", null)).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("target"));
        Map<String, Object> text = job("mixed", "classification", "cart", "label");
        text.put("features", List.of("score", "name"));
        admin().contentType(ContentType.JSON).body(text).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("features[1]"));
        Map<String, Object> hyper = job("mixed", "classification", "cart", "label");
        hyper.put("hyperparameters", Map.of("depth", 3));
        admin().contentType(ContentType.JSON).body(hyper).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("hyperparameters.depth"));
        Map<String, Object> range = job("mixed", "classification", "cart", "label");
        range.put("hyperparameters", Map.of("maxDepth", 0));
        admin().contentType(ContentType.JSON).body(range).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("hyperparameters.maxDepth"));
        Map<String, Object> split = job("mixed", "classification", "cart", "label");
        split.put("split", Map.of("train", 0.5, "validation", 0.1, "test", 0.1, "seed", 1));
        admin().contentType(ContentType.JSON).body(split).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("split"));
        admin().contentType(ContentType.JSON).body(job("nothing", "classification", "cart", "label")).post(url)
                .then().statusCode(404);
    }

    @Test
    void eventStreamEndsWithTheTerminalState() {
        String p = newProject("sse");
        dataset(p, "points", separable(300, 4));
        String id = submit(p, job("points", "classification", "cart", "label"));
        String stream = admin().accept("text/event-stream").get("/api/projects/" + p + "/training-jobs/" + id + "/events")
                .then().statusCode(200).extract().asString();
        assertThat(stream).contains("data:").contains("\"state\":\"SUCCEEDED\"");
        assertThat(stream.lastIndexOf("\"state\":\"SUCCEEDED\"")).isGreaterThan(stream.lastIndexOf("\"state\":\"RUNNING\""));
    }

    @Test
    void registryStagesAliasesAndComparison() {
        String p = newProject("reg2");
        dataset(p, "points", separable(300, 6));
        Map<String, Object> a = job("points", "classification", "cart", "label");
        a.put("model", "pts");
        awaitEnd(p, submit(p, a)).then().body("modelVersion", equalTo(1));
        Map<String, Object> b = job("points", "classification", "logistic-regression", "label");
        b.put("model", "pts");
        awaitEnd(p, submit(p, b)).then().body("modelVersion", equalTo(2));
        String base = "/api/projects/" + p + "/models/pts";
        admin().get(base + "/compare?versions=1,2").then().statusCode(200)
                .body("versions.version", equalTo(List.of(1, 2)))
                .body("versions.algorithm", equalTo(List.of("cart", "logistic-regression")))
                .body("versions[0].metrics.accuracy", notNullValue());
        admin().contentType(ContentType.JSON).body(Map.of("stage", "production")).put(base + "/versions/1/stage")
                .then().statusCode(200).body("stage", equalTo("production"));
        admin().contentType(ContentType.JSON).body(Map.of("stage", "production")).put(base + "/versions/2/stage")
                .then().statusCode(200);
        admin().get(base + "/versions/1").then().body("stage", equalTo("archived"));
        admin().contentType(ContentType.JSON).body(Map.of("version", 2)).put(base + "/aliases/champion")
                .then().statusCode(200).body("aliases.champion", equalTo(2));
        admin().get(base + "/versions/champion").then().statusCode(200).body("version", equalTo(2))
                .body("aliases", equalTo(List.of("champion")));
        admin().contentType(ContentType.JSON).body(Map.of("stage", "gold")).put(base + "/versions/2/stage")
                .then().statusCode(400).body("errors[0].field", equalTo("stage"));
        admin().get(base + "/compare?versions=1,x").then().statusCode(400).body("errors[0].field", equalTo("versions"));
        admin().get(base + "/versions/9").then().statusCode(404);
        admin().delete(base + "/aliases/champion").then().statusCode(200).body("aliases.champion", equalTo(null));
    }
}
