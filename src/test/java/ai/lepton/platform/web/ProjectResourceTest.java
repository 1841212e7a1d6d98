package ai.lepton.platform.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProjectResourceTest {

    @Test
    void createsProjectWith201AndLocation() {
        admin().contentType(ContentType.JSON).body(Map.of("name", "sales-team", "description", "Sales"))
                .post("/api/projects")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("name", equalTo("sales-team"))
                .body("description", equalTo("Sales"));
        admin().get("/api/projects/sales-team").then().statusCode(200).body("name", equalTo("sales-team"));
    }

    @Test
    void refusesDuplicateNameWith409Problem() {
        String name = newProject("dup");
        admin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/conflict"))
                .body("status", equalTo(409))
                .body("instance", equalTo("/api/projects"));
    }

    @Test
    void refusesNonSlugNameNamingTheField() {
        admin().contentType(ContentType.JSON).body(Map.of("name", "Not A Slug!")).post("/api/projects")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/validation"))
                .body("errors[0].field", equalTo("name"));
        admin().contentType(ContentType.JSON).body(Map.of("description", "no name")).post("/api/projects")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));
    }

    @Test
    void adminListsEveryProjectAndProjectKeySeesOnlyItsOwn() {
        String a = newProject("list-a");
        String b = newProject("list-b");
        admin().queryParam("limit", 1000).get("/api/projects").then().statusCode(200)
                .body("items.name", hasItem(a)).body("items.name", hasItem(b));
        String keyA = newKey(a, "viewer");
        as(keyA).get("/api/projects").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].name", equalTo(a))
                .body("items.name", not(hasItem(b)));
    }

    @Test
    void projectKeyGets404ForAnotherProjectNever403() {
        String a = newProject("iso-a");
        String b = newProject("iso-b");
        String adminOfA = newKey(a, "admin");
        as(adminOfA).get("/api/projects/" + b).then().statusCode(404)
                .body("detail", equalTo("project '" + b + "' not found"));
        as(adminOfA).get("/api/projects/does-not-exist").then().statusCode(404)
                .body("detail", equalTo("project 'does-not-exist' not found"));
    }

    @Test
    void onlyInstallationAdminCreatesProjects() {
        String a = newProject("creator");
        String projectAdmin = newKey(a, "admin");
        as(projectAdmin).contentType(ContentType.JSON).body(Map.of("name", "sneaky")).post("/api/projects")
                .then().statusCode(403).body("type", equalTo("https://lepton.ai/problems/forbidden"));
    }

    @Test
    void requestsWithoutOrWithBadKeyGet401Problem() {
        given().get("/api/projects").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("type", equalTo("https://lepton.ai/problems/unauthorized"));
        as("lep_not-a-real-key").get("/api/projects").then().statusCode(401)
                .body("detail", equalTo("the API key is unknown or was revoked"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/projects").then().statusCode(401)
                .body("detail", equalTo("the Authorization header must use the Bearer scheme"));
    }

    @Test
    void pagingParametersAreValidated() {
        admin().queryParam("limit", 0).get("/api/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        admin().queryParam("limit", 1001).get("/api/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        admin().queryParam("offset", -1).get("/api/projects").then().statusCode(400)
                .body("errors[0].field", equalTo("offset"));
        admin().queryParam("limit", 1).get("/api/projects").then().statusCode(200)
                .body("limit", equalTo(1)).body("items.size()", equalTo(1));
    }
}
