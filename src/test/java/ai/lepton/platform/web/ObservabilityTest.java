package ai.lepton.platform.web;

import static ai.lepton.testing.Api.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ObservabilityTest {

    @Test
    void readinessChecksDatabaseAndBrokerWithoutAKey() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"))
                .body("checks.find { it.name == 'Database connections health check' }.data.postgresql", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsNeedNoKeyAndIncludeTheOutbox() {
        admin().get("/api/projects").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("lepton_outbox_pending"))
                .body(containsString("http_server_requests_seconds"));
    }

    @Test
    void openApiDocumentsEveryEndpointWithTheBearerScheme() {
        given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .body("components.securitySchemes.apiKey.scheme", equalTo("bearer"))
                .body("paths.'/api/projects'.post.requestBody.content.'application/json'.examples", notNullValue())
                .body("paths.'/api/projects/{project}/keys'", notNullValue());
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationIsDocumentedWithASummaryAndAnExample() {
        java.util.Map<String, Object> paths = given().accept(ContentType.JSON).get("/q/openapi").then().statusCode(200)
                .extract().path("paths");
        java.util.List<String> missing = new java.util.ArrayList<>();
        paths.forEach((path, item) -> ((java.util.Map<String, Object>) item).forEach((method, op) -> {
            if (!(op instanceof java.util.Map<?, ?> operation) || method.equals("parameters")) {
                return;
            }
            if (operation.get("summary") == null) {
                missing.add(method + " " + path + ": no summary");
            }
            String json = op.toString();
            if (!json.contains("examples=") && !json.contains("example=")) {
                missing.add(method + " " + path + ": no example");
            }
        }));
        org.assertj.core.api.Assertions.assertThat(missing).isEmpty();
    }

    @Test
    void graphqlNeedsAKeyButItsUiDoesNot() {
        given().get("/q/graphql-ui/").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("query", "{ projects { name } }")).post("/graphql")
                .then().statusCode(401).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of("query", "{ projects { name } }")).post("/graphql")
                .then().statusCode(200);
    }
}
