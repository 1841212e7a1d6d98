package ai.lepton.data.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The explicit limits: upload size (413) and per-key request rate (429), with small values to exercise them. */
@QuarkusTest
@TestProfile(UploadLimitsTest.SmallLimits.class)
class UploadLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lepton.data.max-upload-size", "2K",
                    "lepton.platform.security.rate-limit-per-second", "0.5",
                    "lepton.platform.security.rate-limit-burst", "20");
        }
    }

    static String bigCsv() {
        StringBuilder sb = new StringBuilder("id,text\n");
        for (int i = 0; sb.length() < 4096; i++) {
            sb.append(i).append(",some words to fill the upload\n");
        }
        return sb.toString();
    }

    @Test
    void uploadWithAContentLengthOverTheLimitIs413AndStoresNothing() {
        String p = newProject("limit");
        admin().contentType(ContentType.JSON).body(Map.of("name", "big")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body(bigCsv().getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + p + "/datasets/big/versions")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/payload-too-large"))
                .body("detail", containsString("2048 bytes"));
        admin().get("/api/projects/" + p + "/datasets/big").then().body("versions", hasSize(0));
    }

    @Test
    void chunkedUploadThatGrowsOverTheLimitIs413() {
        String p = newProject("chunked");
        admin().contentType(ContentType.JSON).body(Map.of("name", "big")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        // an InputStream body is sent chunked, without Content-Length: the limit is enforced while reading
        admin().contentType("text/csv").body(new ByteArrayInputStream(bigCsv().getBytes(StandardCharsets.UTF_8)))
                .post("/api/projects/" + p + "/datasets/big/versions")
                .then().statusCode(413)
                .body("type", equalTo("https://lepton.ai/problems/payload-too-large"));
        admin().get("/api/projects/" + p + "/datasets/big").then().body("versions", hasSize(0));
    }

    @Test
    void uploadUnderTheLimitIsAccepted() {
        String p = newProject("small");
        admin().contentType(ContentType.JSON).body(Map.of("name", "small")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body("id,v\n1,2\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + p + "/datasets/small/versions").then().statusCode(201);
    }

    @Test
    void keyOverItsRateGets429WithRetryAfter() {
        String p = newProject("rate");
        String key = newKey(p, "viewer");
        List<Integer> statuses = new ArrayList<>();
        io.restassured.response.Response limited = null;
        for (int i = 0; i < 25; i++) {
            io.restassured.response.Response r = as(key).get("/api/projects/" + p);
            statuses.add(r.statusCode());
            if (r.statusCode() == 429 && limited == null) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(statuses).contains(429);
        limited.then().contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://lepton.ai/problems/rate-limited"))
                .body("retryAfterSeconds", notNullValue());
        // other keys are not affected
        admin().get("/api/projects/" + p).then().statusCode(200);
    }
}
