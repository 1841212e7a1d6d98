package ai.lepton.ledger;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;

import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;

/** Helpers of the ledger's @QuarkusTests. */
public final class LedgerTesting {

    private LedgerTesting() {
    }

    /**
     * A new project holding dataset {@code d} with one version of content unique to the project (so no other test
     * shares its content-addressed blob), once the ledger has taken in its event: its receipt exists, PENDING.
     */
    public static String projectWithAnchoredDataset(String prefix) {
        String p = newProject(prefix);
        admin().contentType(ContentType.JSON).body(Map.of("name", "d")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body(("a,b\n" + p + ",1\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + p + "/datasets/d/versions").then().statusCode(201);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ((Number) admin()
                .get("/api/projects/" + p + "/ledger/receipts").then().extract().path("total")).intValue() == 1);
        return p;
    }
}
