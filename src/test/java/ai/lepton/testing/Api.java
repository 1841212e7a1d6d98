package ai.lepton.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Small helpers for driving the API from tests as a given key. */
public final class Api {

    /** The installation admin key configured for the test profile. */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

    /** RestAssured would otherwise append "; charset=ISO-8859-1" to text/csv, which uploads refuse (UTF-8 only). */
    static final io.restassured.config.RestAssuredConfig CONFIG = io.restassured.RestAssured.config().encoderConfig(
            io.restassured.config.EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private Api() {
    }

    public static RequestSpecification as(String key) {
        return given().config(CONFIG).header("Authorization", "Bearer " + key);
    }

    public static RequestSpecification admin() {
        return as(ADMIN_KEY);
    }

    /** A fresh project with a unique name. */
    public static String newProject(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects").then().statusCode(201);
        return name;
    }

    /** A new key of the given role in the project; returns the secret. */
    public static String newKey(String project, String role) {
        return admin().contentType(ContentType.JSON).body(Map.of("role", role, "name", role + "-key"))
                .post("/api/projects/" + project + "/keys").then().statusCode(201)
                .extract().path("key");
    }
}
