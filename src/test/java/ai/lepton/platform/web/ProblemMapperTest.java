package ai.lepton.platform.web;

import static ai.lepton.testing.Api.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMapperTest {

    @Test
    void malformedJsonBodyIsA400ProblemWithItsPosition() {
        admin().contentType(ContentType.JSON).body("{\"name\":").post("/api/projects")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/bad-request"))
                .body("detail", containsString("line 1"));
    }

    @Test
    void wronglyTypedFieldNamesTheField() {
        admin().contentType(ContentType.JSON).body("{\"name\":{\"nested\":true}}").post("/api/projects")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("name"));
    }

    @Test
    void unknownEndpointIsA404Problem() {
        admin().get("/api/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no endpoint at /api/no-such-thing"));
    }

    @Test
    void wrongMethodIsA405Problem() {
        admin().delete("/api/projects").then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @Test
    void wrongContentTypeIsA415Problem() {
        admin().contentType(ContentType.XML).body("<project/>").post("/api/projects")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void missingBodyIsAValidationProblem() {
        admin().contentType(ContentType.JSON).post("/api/projects")
                .then().statusCode(400)
                .contentType("application/problem+json");
    }
}
