package ai.lepton.ml.endpoints;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import ai.lepton.compute.service.SchedulingLoop;
import ai.lepton.ml.serve.WeightedRoundRobin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Endpoints on a compute deployment: their in-flight requests drive its autoscaler, and their requests are routed
 * over its replicas by the traffic allocation weights.
 */
@QuarkusTest
class EndpointWorkloadTest {

    @Inject
    EndpointService endpoints;
    @Inject
    SchedulingLoop loop;

    private static String trained;

    /** A project with model {@code clf} v1 (logistic regression on a separable problem), trained once. */
    static synchronized String trainedProject() {
        if (trained != null) {
            return trained;
        }
        String p = newProject("ewl");
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("x1,x2,label\n");
        for (int i = 0; i < 300; i++) {
            double x1 = r.nextGaussian() * 3;
            double x2 = r.nextGaussian() * 3;
            csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", x1, x2, x1 + x2 > 0 ? "yes" : "no"));
        }
        admin().contentType(ContentType.JSON).body(Map.of("name", "pts")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + p + "/datasets/pts/versions").then().statusCode(201);
        String job = admin().contentType(ContentType.JSON).body(Map.of("dataset", "pts", "task", "classification",
                "algorithm", "logistic-regression", "target", "label", "model", "clf"))
                .post("/api/projects/" + p + "/training-jobs").then().statusCode(202).extract().path("id");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> List.of("SUCCEEDED",
                "FAILED", "CANCELLED").contains(admin().get("/api/projects/" + p + "/training-jobs/" + job).then()
                        .extract().path("state")));
        admin().get("/api/projects/" + p + "/training-jobs/" + job).then().body("state", equalTo("SUCCEEDED"));
        trained = p;
        return p;
    }

    static String tag(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String node(String tag, String suffix, long cpu) {
        String name = tag + "-" + suffix;
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "zone", suffix, "capacity",
                Map.of("cpuMillis", cpu, "memoryMiB", 8192), "labels", Map.of("t", tag))).post("/api/nodes").then()
                .statusCode(201);
        return name;
    }

    static Map<String, Object> workload(String name, String tag, int replicas) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("replicas", replicas);
        m.put("resources", Map.of("cpuMillis", 1000, "memoryMiB", 256));
        m.put("nodeSelector", Map.of("t", tag));
        return m;
    }

    static Response endpoint(String p, String name, String workload) {
        Map<String, Object> m = new HashMap<>(Map.of("name", name, "model", "clf", "version", 1));
        if (workload != null) {
            m.put("workload", workload);
        }
        return admin().contentType(ContentType.JSON).body(m).post("/api/projects/" + p + "/endpoints");
    }

    static void predict(String p, String endpoint) {
        admin().contentType(ContentType.JSON).body(Map.of("instances", List.of(Map.of("x1", 2, "x2", 1))))
                .post("/api/projects/" + p + "/endpoints/" + endpoint + "/predict").then().statusCode(200)
                .body("predictions", hasSize(1));
    }

    static int desired(String p, String workload) {
        return admin().get("/api/projects/" + p + "/workloads/" + workload).then().statusCode(200).extract()
                .path("desiredReplicas");
    }

    @Test
    void inFlightRequestsOfTheEndpointsOnADeploymentDriveItsAutoscaler() {
        String t = tag("ewl");
        node(t, "a", 8000);
        String p = trainedProject();
        Map<String, Object> serving = workload("serving", t, 1);
        serving.put("autoscale", Map.of("minReplicas", 1, "maxReplicas", 4, "metric", "inflight", "target", 5,
                "scaleDownWindow", "0s"));
        admin().contentType(ContentType.JSON).body(serving).post("/api/projects/" + p + "/workloads").then()
                .statusCode(201).body("running", equalTo(1));
        Map<String, Object> job = workload("batch", t, 1);
        job.put("type", "job");
        admin().contentType(ContentType.JSON).body(job).post("/api/projects/" + p + "/workloads").then()
                .statusCode(201);

        endpoint(p, "e", "ghost").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("workload"));
        endpoint(p, "e", "batch").then().statusCode(400).body("errors[0].field", equalTo("workload"));
        endpoint(p, "e", "serving").then().statusCode(201).body("workload", equalTo("serving"))
                .body("replicas", hasSize(1));
        predict(p, "e");
        admin().get("/api/projects/" + p + "/endpoints/e").then().body("inFlight", equalTo(0))
                .body("replicas[0].requests", equalTo(1));

        // 12 requests held in flight (as if predicting or queued in the micro-batcher): ceil(1 × 12 / 5) = 3
        EndpointLoad e = endpoints.loadOf(p, "e").orElseThrow();
        for (int i = 0; i < 12; i++) {
            e.gauge.begin();
        }
        admin().get("/api/projects/" + p + "/endpoints/e").then().body("inFlight", equalTo(12));
        endpoints.reportLoad();
        Instant t0 = Instant.now();
        loop.round(t0);
        admin().get("/api/projects/" + p + "/workloads/serving").then().body("desiredReplicas", equalTo(3))
                .body("running", equalTo(3));
        endpoints.reportLoad(); // the routing table follows the new replicas
        admin().get("/api/projects/" + p + "/endpoints/e").then().body("replicas", hasSize(3));

        // a second endpoint on the same deployment adds its load: 20 over 3 replicas is 6.7 each, ceil(3 × 6.7 / 5) = 4
        endpoint(p, "e2", "serving").then().statusCode(201);
        predict(p, "e2");
        EndpointLoad e2 = endpoints.loadOf(p, "e2").orElseThrow();
        for (int i = 0; i < 8; i++) {
            e2.gauge.begin();
        }
        endpoints.reportLoad();
        loop.round(t0.plusSeconds(5));
        assertThat(desired(p, "serving")).isEqualTo(4);

        // all answered: the next two reports (peak of the interval, then now) bring it back to the floor
        for (int i = 0; i < 12; i++) {
            e.gauge.end();
        }
        for (int i = 0; i < 8; i++) {
            e2.gauge.end();
        }
        endpoints.reportLoad();
        endpoints.reportLoad();
        loop.round(t0.plusSeconds(10));
        assertThat(desired(p, "serving")).isEqualTo(1);
    }

    @Test
    void requestsAreRoutedOverTheReplicasExactlyByTheAllocationWeights() {
        String t = tag("ert");
        String big = node(t, "a", 6000);
        String small = node(t, "b", 2000);
        String p = trainedProject();
        Map<String, Object> w = workload("router", t, 2);
        w.put("antiAffinity", "hostname");
        admin().contentType(ContentType.JSON).body(w).post("/api/projects/" + p + "/workloads").then()
                .statusCode(201).body("running", equalTo(2));
        List<Float> allocation = admin().get("/api/projects/" + p + "/workloads/router/allocation").then()
                .statusCode(200).extract().path("replicas.weight");
        List<String> allocationNodes = admin().get("/api/projects/" + p + "/workloads/router/allocation").then()
                .extract().path("replicas.node");
        // both nodes hold only this workload: the weights follow free capacity, 6 replica-sized slots against 2
        assertThat(allocationNodes).containsExactlyInAnyOrder(big, small);
        assertThat(allocation.get(allocationNodes.indexOf(big))).isEqualTo(0.75f);

        endpoint(p, "r", "router").then().statusCode(201).body("replicas", hasSize(2));
        int n = 40;
        for (int i = 0; i < n; i++) {
            predict(p, "r");
        }
        Response view = admin().get("/api/projects/" + p + "/endpoints/r");
        List<String> nodes = view.path("replicas.node");
        List<Float> weights = view.path("replicas.weight");
        List<Integer> requests = view.path("replicas.requests");
        assertThat(nodes).isEqualTo(allocationNodes);
        assertThat(weights).isEqualTo(allocation);
        // smooth weighted round-robin is deterministic: over whole cycles each replica gets exactly its share
        int[] iw = WeightedRoundRobin.integerWeights(weights.stream().map(Float::doubleValue).toList());
        int cycle = Arrays.stream(iw).sum();
        assertThat(n % cycle).as("40 requests are whole cycles of " + cycle).isZero();
        for (int i = 0; i < nodes.size(); i++) {
            assertThat(requests.get(i)).as("requests to " + nodes.get(i)).isEqualTo(n * iw[i] / cycle);
            assertThat((double) requests.get(i) / n).isCloseTo(weights.get(i), org.assertj.core.data.Offset.offset(
                    1.0 / WeightedRoundRobin.RESOLUTION));
        }
        assertThat(requests.get(nodes.indexOf(big))).isEqualTo(30);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("lepton_endpoint_replica_requests_total{endpoint=\"r\",node=\"" + big
                + "\",project=\"" + p + "\"");
    }
}
