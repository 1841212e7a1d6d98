package ai.lepton.ml.web;

import static ai.lepton.ml.web.TrainingJobTest.awaitEnd;
import static ai.lepton.ml.web.TrainingJobTest.dataset;
import static ai.lepton.ml.web.TrainingJobTest.job;
import static ai.lepton.ml.web.TrainingJobTest.separable;
import static ai.lepton.ml.web.TrainingJobTest.submit;
import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EndpointTest {

    static String trainedProject() {
        String p = newProject("serve");
        dataset(p, "points", separable(600, 11));
        Map<String, Object> a = job("points", "classification", "logistic-regression", "label");
        a.put("model", "clf");
        awaitEnd(p, submit(p, a)).then().body("state", equalTo("SUCCEEDED"));
        Map<String, Object> b = job("points", "classification", "cart", "label");
        b.put("model", "clf");
        awaitEnd(p, submit(p, b)).then().body("state", equalTo("SUCCEEDED"));
        return p;
    }

    static Map<String, Object> instance(Object x1, Object x2, Object colour) {
        Map<String, Object> m = new HashMap<>();
        m.put("x1", x1);
        m.put("x2", x2);
        m.put("colour", colour);
        return m;
    }

    @Test
    void deployedVersionPredictsWithProbabilitiesAndValidatesInputs() {
        String p = trainedProject();
        admin().contentType(ContentType.JSON).body(Map.of("name", "pts", "model", "clf", "version", 1))
                .post("/api/projects/" + p + "/endpoints").then().statusCode(201).body("revision", equalTo(1));
        String url = "/api/projects/" + p + "/endpoints/pts/predict";
        var r = admin().contentType(ContentType.JSON)
                .body(Map.of("instances", List.of(instance(5, 4, "red"), instance(-5, -4, null))))
                .post(url);
        r.then().statusCode(200).body("model", equalTo("clf"))
                .body("predictions[0].prediction", equalTo("true"))
                .body("predictions[1].prediction", equalTo("false"))
                .body("predictions[0].version", equalTo(1));
        Map<String, Float> scores = r.path("predictions[0].scores");
        assertThat(scores.values().stream().mapToDouble(Float::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));

        Map<String, Object> missing = new HashMap<>(Map.of("x1", 1));
        admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(instance(1, 1, "red"), missing)))
                .post(url).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("instances[1].x2", "instances[1].colour"));
        admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(instance("five", 1, "red"))))
                .post(url).then().statusCode(400).body("errors[0].field", equalTo("instances[0].x1"))
                .body("errors[0].message", containsString("number"));
        admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(42))).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("instances[0]"));
        admin().contentType(ContentType.JSON).body(Map.of("rows", List.of())).post(url)
                .then().statusCode(400).body("errors[0].field", equalTo("instances"));
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(instance(1, 1, "red"));
        }
        admin().contentType(ContentType.JSON).body(Map.of("instances", tooMany)).post(url).then().statusCode(400)
                .body("errors[0].field", equalTo("instances"));
        admin().contentType(ContentType.JSON).body(Map.of("name", "bad", "model", "clf", "version", 9))
                .post("/api/projects/" + p + "/endpoints").then().statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void canarySplitsTrafficAndCountsEachVersion() {
        String p = trainedProject();
        admin().contentType(ContentType.JSON).body(Map.of("name", "split", "model", "clf",
                "routes", List.of(Map.of("version", 1, "weight", 50), Map.of("version", 2, "weight", 50))))
                .post("/api/projects/" + p + "/endpoints").then().statusCode(201);
        Set<Integer> versions = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            versions.add(admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(instance(1, 2, "red"))))
                    .post("/api/projects/" + p + "/endpoints/split/predict").then().statusCode(200).extract()
                    .path("predictions[0].version"));
        }
        assertThat(versions).containsExactlyInAnyOrder(1, 2);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lepton_endpoint_requests_total{endpoint=\"split\",model=\"clf\",project=\"" + p
                + "\",version=\"1\"}");
        assertThat(metrics).contains("lepton_endpoint_requests_total{endpoint=\"split\",model=\"clf\",project=\"" + p
                + "\",version=\"2\"}");
        assertThat(metrics).contains("lepton_endpoint_latency_seconds");
    }

    @Test
    void redeployingSwapsTheModelWithoutDroppingRequests() throws Exception {
        String p = trainedProject();
        admin().contentType(ContentType.JSON).body(Map.of("name", "live", "model", "clf", "version", 1))
                .post("/api/projects/" + p + "/endpoints").then().statusCode(201);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<Integer>>> clients = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            clients.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                while (!stop.get()) {
                    statuses.add(admin().contentType(ContentType.JSON)
                            .body(Map.of("instances", List.of(instance(3, 1, "blue"))))
                            .post("/api/projects/" + p + "/endpoints/live/predict").statusCode());
                }
                return statuses;
            }));
        }
        Thread.sleep(300);
        admin().contentType(ContentType.JSON).body(Map.of("version", 2)).put("/api/projects/" + p + "/endpoints/live")
                .then().statusCode(200).body("revision", equalTo(2)).body("routes[0].version", equalTo(2));
        Thread.sleep(300);
        stop.set(true);
        List<Integer> all = new ArrayList<>();
        for (Future<List<Integer>> f : clients) {
            all.addAll(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(all).isNotEmpty().containsOnly(200);
        admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(instance(3, 1, "blue"))))
                .post("/api/projects/" + p + "/endpoints/live/predict").then().body("predictions[0].version", equalTo(2));
    }
}
