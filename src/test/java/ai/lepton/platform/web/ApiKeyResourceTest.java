package ai.lepton.platform.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiKeyResourceTest {

    @Test
    void createdKeyIsReturnedOnceAndWorks() {
        String p = newProject("keys");
        Response created = admin().contentType(ContentType.JSON).body(Map.of("role", "viewer", "name", "dash"))
                .post("/api/projects/" + p + "/keys");
        created.then().statusCode(201)
                .body("key", startsWith("lep_"))
                .body("details.role", equalTo("viewer"))
                .body("details.project", equalTo(p))
                .body("details.name", equalTo("dash"));
        String key = created.path("key");
        assertThat(key).hasSize(44);
        as(key).get("/api/projects/" + p).then().statusCode(200);
        String listing = admin().get("/api/projects/" + p + "/keys").then().statusCode(200)
                .body("items.name", hasItem("dash"))
                .body("items[0].prefix", startsWith("lep_"))
                .extract().asString();
        assertThat(listing).doesNotContain(key).doesNotContain("keyHash");
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        String p = newProject("revoke");
        Response created = admin().contentType(ContentType.JSON).body(Map.of("role", "operator"))
                .post("/api/projects/" + p + "/keys");
        String key = created.path("key");
        int id = created.path("details.id");
        as(key).get("/api/projects/" + p).then().statusCode(200);
        admin().delete("/api/projects/" + p + "/keys/" + id).then().statusCode(200).body("revokedAt", notNullValue());
        as(key).get("/api/projects/" + p).then().statusCode(401);
    }

    @Test
    void projectAdminManagesKeysButOperatorAndViewerMayNot() {
        String p = newProject("roles");
        String projectAdmin = newKey(p, "admin");
        String operator = newKey(p, "operator");
        String viewer = newKey(p, "viewer");
        as(projectAdmin).contentType(ContentType.JSON).body(Map.of("role", "viewer")).post("/api/projects/" + p + "/keys")
                .then().statusCode(201);
        as(operator).contentType(ContentType.JSON).body(Map.of("role", "viewer")).post("/api/projects/" + p + "/keys")
                .then().statusCode(403).body("detail", equalTo("a operator key may not manage keys or settings in project '" + p + "'"));
        as(viewer).contentType(ContentType.JSON).body(Map.of("role", "admin")).post("/api/projects/" + p + "/keys")
                .then().statusCode(403);
        as(viewer).get("/api/projects/" + p + "/keys").then().statusCode(403);
    }

    @Test
    void keysOfOneProjectAreInvisibleToAnother() {
        String a = newProject("ka");
        String b = newProject("kb");
        String adminOfA = newKey(a, "admin");
        Response bKey = admin().contentType(ContentType.JSON).body(Map.of("role", "viewer")).post("/api/projects/" + b + "/keys");
        int bKeyId = bKey.path("details.id");
        as(adminOfA).get("/api/projects/" + b + "/keys").then().statusCode(404);
        as(adminOfA).contentType(ContentType.JSON).body(Map.of("role", "admin")).post("/api/projects/" + b + "/keys")
                .then().statusCode(404);
        as(adminOfA).delete("/api/projects/" + b + "/keys/" + bKeyId).then().statusCode(404);
        // a key id of project B addressed through project A is not found either
        as(adminOfA).delete("/api/projects/" + a + "/keys/" + bKeyId).then().statusCode(404);
        as((String) bKey.path("key")).get("/api/projects/" + b).then().statusCode(200);
    }

    @Test
    void installationKeysNeedInstallationAdmin() {
        String p = newProject("inst");
        String projectAdmin = newKey(p, "admin");
        as(projectAdmin).get("/api/keys").then().statusCode(403);
        as(projectAdmin).contentType(ContentType.JSON).body(Map.of("role", "admin")).post("/api/keys").then().statusCode(403);
        Response created = admin().contentType(ContentType.JSON).body(Map.of("role", "admin", "name", "ops"))
                .post("/api/keys");
        created.then().statusCode(201).body("details.project", equalTo(null));
        String opsKey = created.path("key");
        as(opsKey).get("/api/projects/" + p).then().statusCode(200);
        admin().get("/api/keys").then().statusCode(200).body("items.name", hasItem("ops"))
                .body("items.name", not(hasItem("viewer-key")));
    }

    @Test
    void unknownRoleIsRefusedNamingTheAllowedValues() {
        String p = newProject("badrole");
        admin().contentType(ContentType.JSON).body(Map.of("role", "root")).post("/api/projects/" + p + "/keys")
                .then().statusCode(400).contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body(Map.of("name", "x")).post("/api/projects/" + p + "/keys")
                .then().statusCode(400).body("errors[0].field", equalTo("role"));
    }
}
