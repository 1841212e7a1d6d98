package ai.lepton.platform.security;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.platform.api.Action;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every project-scoped endpoint, checked per key: no key gives 401, a key of another project gets 404 (never 403),
 * a viewer cannot change anything (403), an operator cannot manage keys (403).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndpointAccessTest {

    record Endpoint(String method, String path, String contentType, String body, Action needs) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    String a;
    String b;
    String viewerA;
    String operatorA;
    String adminA;
    long keyOfB;
    String jobOfA;
    String jobOfB;
    String leaseOfA;

    // @BeforeEach, not @BeforeAll: RestAssured learns the random test port only per test
    @BeforeEach
    void projects() {
        if (a != null) {
            return;
        }
        a = newProject("acc-a");
        b = newProject("acc-b");
        StringBuilder csv = new StringBuilder("id,v\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        for (String p : List.of(a, b)) {
            admin().contentType(ContentType.JSON).body(Map.of("name", "sales")).post("/api/projects/" + p + "/datasets")
                    .then().statusCode(201);
            admin().contentType("text/csv").body(csv.toString()).post("/api/projects/" + p + "/datasets/sales/versions")
                    .then().statusCode(201);
            String job = admin().contentType(ContentType.JSON).body(Map.of("model", "m", "dataset", "sales",
                    "task", "classification", "algorithm", "cart", "target", "v"))
                    .post("/api/projects/" + p + "/training-jobs").then().statusCode(202).extract().path("id");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).until(() -> "SUCCEEDED".equals(
                    admin().get("/api/projects/" + p + "/training-jobs/" + job).then().extract().path("state")));
            admin().contentType(ContentType.JSON).body(Map.of("version", 1)).put("/api/projects/" + p
                    + "/models/m/aliases/champion").then().statusCode(200);
            admin().contentType(ContentType.JSON).body(Map.of("name", "e", "model", "m", "version", 1))
                    .post("/api/projects/" + p + "/endpoints").then().statusCode(201);
            admin().contentType(ContentType.JSON).body(Map.of("name", "lw", "metric", "cpu"))
                    .post("/api/projects/" + p + "/detectors/live").then().statusCode(201);
            // selects no node: stays pending, whatever nodes other tests registered
            admin().contentType(ContentType.JSON).body(Map.of("name", "wl", "resources", Map.of("cpuMillis", 1),
                    "nodeSelector", Map.of("t", "none"))).post("/api/projects/" + p + "/workloads").then()
                    .statusCode(201);
            if (p.equals(a)) {
                jobOfA = job;
            } else {
                jobOfB = job;
            }
        }
        for (String p : List.of(a, b)) { // the ledger takes the dataset's event in asynchronously
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> ((Number) admin()
                    .get("/api/projects/" + p + "/ledger/receipts?subject=dataset:sales/1").then().extract()
                    .path("total")).intValue() == 1);
        }
        // a lease offered by a and accepted by b: both are parties, so both see it
        leaseOfA = "acc-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body(Map.of("leaseId", leaseOfA, "target", Map.of("kind", "pool",
                "name", "p"), "unit", "gpu", "quantity", 1, "currency", "EUR", "pricePerUnitHourMinor", 1,
                "periodSeconds", 3600, "periods", 2, "availabilityTargetBp", 9900, "penaltyBpPerBp", 1))
                .post("/api/projects/" + a + "/ledger/leases").then().statusCode(201);
        admin().post("/api/projects/" + b + "/ledger/leases/" + leaseOfA + "/accept").then().statusCode(200);
        // each project grants the other its sales dataset for training, so both may read the other's under /shared
        for (String owner : List.of(a, b)) {
            admin().contentType(ContentType.JSON).body(Map.of("dataset", "sales", "grantee", owner.equals(a) ? b : a,
                    "purpose", "training", "expiresAt", "2099-01-01T00:00:00Z"))
                    .post("/api/projects/" + owner + "/ledger/grants").then().statusCode(201);
        }
        viewerA = newKey(a, "viewer");
        operatorA = newKey(a, "operator");
        adminA = newKey(a, "admin");
        keyOfB = ((Number) admin().contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .post("/api/projects/" + b + "/keys").then().statusCode(201).extract().path("details.id")).longValue();
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("GET", "/api/projects/{p}", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/events", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets/sales", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets/sales/versions/1", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets/sales/versions/1/rows", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets/sales/versions/1/profile", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/datasets/sales/versions/1/content", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/datasets", "application/json", "{\"name\":\"more\"}", Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/datasets/sales/versions", "text/csv", "id,v\n9,9\n", Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/keys", null, null, Action.ADMIN),
                new Endpoint("POST", "/api/projects/{p}/keys", "application/json", "{\"role\":\"viewer\"}", Action.ADMIN),
                new Endpoint("DELETE", "/api/projects/{p}/keys/{k}", null, null, Action.ADMIN),
                new Endpoint("GET", "/api/projects/{p}/training-jobs", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/training-jobs/{j}", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/training-jobs/{j}/events", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/training-jobs", "application/json",
                        "{\"dataset\":\"sales\",\"task\":\"clustering\",\"algorithm\":\"kmeans\",\"hyperparameters\":{\"k\":2}}",
                        Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/training-jobs/{j}/cancel", null, null, Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/models", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/models/m", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/models/m/versions/1", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/models/m/versions/champion", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/models/m/versions/1/artifact", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/models/m/compare?versions=1", null, null, Action.READ),
                new Endpoint("PUT", "/api/projects/{p}/models/m/versions/1/stage", "application/json",
                        "{\"stage\":\"staging\"}", Action.WRITE),
                new Endpoint("PUT", "/api/projects/{p}/models/m/aliases/best", "application/json", "{\"version\":1}",
                        Action.WRITE),
                new Endpoint("DELETE", "/api/projects/{p}/models/m/aliases/best", null, null, Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/endpoints", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/endpoints/e", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/endpoints/e/predict", "application/json",
                        "{\"instances\":[{\"id\":3}]}", Action.READ),
                new Endpoint("POST", "/api/projects/{p}/endpoints", "application/json",
                        "{\"name\":\"e2\",\"model\":\"m\",\"version\":1}", Action.WRITE),
                new Endpoint("PUT", "/api/projects/{p}/endpoints/e", "application/json", "{\"version\":1}", Action.WRITE),
                new Endpoint("DELETE", "/api/projects/{p}/endpoints/e", null, null, Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/detectors/run", "application/json",
                        "{\"dataset\":\"sales\",\"timeColumn\":\"id\",\"valueColumn\":\"v\"}", Action.READ),
                new Endpoint("POST", "/api/projects/{p}/forecasts", "application/json",
                        "{\"dataset\":\"sales\",\"timeColumn\":\"id\",\"valueColumn\":\"v\"}", Action.READ),
                new Endpoint("GET", "/api/projects/{p}/detectors/live", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/detectors/live/lw", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/detectors/live", "application/json",
                        "{\"name\":\"w2\",\"metric\":\"cpu\"}", Action.WRITE),
                new Endpoint("DELETE", "/api/projects/{p}/detectors/live/lw", null, null, Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/workloads", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/workloads/wl", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/workloads/wl/allocation", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/workloads", "application/json",
                        "{\"name\":\"wl2\",\"resources\":{\"cpuMillis\":1},\"nodeSelector\":{\"t\":\"none\"}}",
                        Action.WRITE),
                new Endpoint("PUT", "/api/projects/{p}/workloads/wl/replicas", "application/json",
                        "{\"replicas\":2}", Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/workloads/wl/replicas/0/status", "application/json",
                        "{\"phase\":\"Succeeded\",\"exitCode\":0}", Action.WRITE),
                new Endpoint("DELETE", "/api/projects/{p}/workloads/wl", null, null, Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/ledger/receipts", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/ledger/verify-subject", "application/json",
                        "{\"subject\":\"dataset:sales/1\"}", Action.READ),
                new Endpoint("GET", "/api/projects/{p}/ledger/leases", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/ledger/leases/{l}", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/ledger/leases/{l}/periods/0", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/ledger/leases", "application/json",
                        "{\"target\":{\"kind\":\"node\",\"name\":\"n\"},\"unit\":\"gpu\",\"quantity\":1,"
                        + "\"currency\":\"EUR\",\"pricePerUnitHourMinor\":1,\"periodSeconds\":3600,\"periods\":1,"
                        + "\"availabilityTargetBp\":9900,\"penaltyBpPerBp\":1}", Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/ledger/leases/{l}/accept", null, null, Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/ledger/leases/{l}/terminate", null, null, Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/ledger/leases/{l}/periods/0/settle", null, null, Action.WRITE),
                new Endpoint("GET", "/api/projects/{p}/ledger/grants?dataset=sales", null, null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/ledger/grants/received", null, null, Action.READ),
                new Endpoint("POST", "/api/projects/{p}/ledger/grants", "application/json",
                        "{\"dataset\":\"sales\",\"grantee\":\"elsewhere\",\"purpose\":\"training\","
                        + "\"expiresAt\":\"2099-01-01T00:00:00Z\"}", Action.WRITE),
                new Endpoint("DELETE", "/api/projects/{p}/ledger/grants/sales/elsewhere/training", null, null,
                        Action.WRITE),
                new Endpoint("POST", "/api/projects/{p}/ledger/access-checks", "application/json",
                        "{\"dataset\":\"elsewhere/sales\",\"purpose\":\"training\"}", Action.READ),
                new Endpoint("GET", "/api/projects/{p}/shared/{o}/sales/versions/1?purpose=training", null, null,
                        Action.READ),
                new Endpoint("GET", "/api/projects/{p}/shared/{o}/sales/versions/1/rows?purpose=training&limit=5", null,
                        null, Action.READ),
                new Endpoint("GET", "/api/projects/{p}/quota", null, null, Action.READ),
                new Endpoint("PUT", "/api/projects/{p}/quota", "application/json",
                        "{\"cpuMillis\":1000,\"memoryMiB\":1000}", Action.ADMIN));
    }

    private io.restassured.response.Response call(RequestSpecification spec, Endpoint e, String project) {
        if (e.contentType() != null) {
            spec = spec.contentType(e.contentType()).body(e.body());
        }
        String path = e.path().replace("{p}", project).replace("{k}", Long.toString(keyOfB))
                .replace("{l}", leaseOfA)
                .replace("{o}", project.equals(a) ? b : a)
                .replace("{j}", project.equals(a) ? jobOfA : jobOfB);
        return spec.request(e.method(), path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutAKeyIs401(Endpoint e) {
        call(given(), e, a).then().statusCode(401).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void keyOfAnotherProjectGets404(Endpoint e) {
        call(as(adminA), e, b).then().statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void viewerMayOnlyRead(Endpoint e) {
        int status = call(as(viewerA), e, a).then().extract().statusCode();
        if (e.needs() == Action.READ) {
            org.assertj.core.api.Assertions.assertThat(status).isEqualTo(200);
        } else {
            org.assertj.core.api.Assertions.assertThat(status).isEqualTo(403);
        }
    }

    static Stream<Endpoint> adminEndpoints() {
        return endpoints().filter(e -> e.needs() == Action.ADMIN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("adminEndpoints")
    void operatorMayNotManageKeys(Endpoint e) {
        call(as(operatorA), e, a).then().statusCode(403);
    }
}
