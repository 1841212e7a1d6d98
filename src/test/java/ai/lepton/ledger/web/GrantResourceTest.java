package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Data-sharing consent through REST on the real embedded ledger: grants and revocations are {@code DataSharing}
 * transactions of the owner project's identity, and every access check is a recorded decision.
 */
@QuarkusTest
class GrantResourceTest {

    static String ledger(String project) {
        return "/api/projects/" + project + "/ledger";
    }

    static void dataset(String project, String name) {
        admin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects/" + project + "/datasets")
                .then().statusCode(201);
    }

    static ValidatableResponse grant(String owner, String dataset, String grantee, String purpose, Instant expiresAt) {
        return admin().contentType(ContentType.JSON).body(Map.of("dataset", dataset, "grantee", grantee, "purpose",
                purpose, "expiresAt", expiresAt.toString())).post(ledger(owner) + "/grants").then();
    }

    static ValidatableResponse check(String key, String project, String dataset, String purpose) {
        return as(key).contentType(ContentType.JSON).body(Map.of("dataset", dataset, "purpose", purpose))
                .post(ledger(project) + "/access-checks").then();
    }

    @Test
    void aGrantLetsTheGranteeInUntilItIsRevokedAndEveryDecisionIsRecorded() {
        String owner = newProject("own");
        String grantee = newProject("gra");
        dataset(owner, "sales");
        String granteeViewer = newKey(grantee, "viewer"); // asking is reading: a viewer may ask
        String expiry = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();

        String grantTx = grant(owner, "sales", grantee, "training", Instant.parse(expiry)).statusCode(201)
                .body("dataset", equalTo(owner + "/sales")).body("ownerProject", equalTo(owner))
                .body("grantee", equalTo(grantee)).body("purpose", equalTo("training"))
                .body("expiresAt", equalTo(expiry)).body("status", equalTo("ACTIVE")).body("expired", equalTo(false))
                .body("grantedBy.project", equalTo(owner)).body("txId", matchesPattern("[0-9a-f]{64}"))
                .extract().path("txId");

        check(granteeViewer, grantee, owner + "/sales", "training").statusCode(200).body("allowed", equalTo(true))
                .body("reason", equalTo("GRANTED")).body("grantTxId", equalTo(grantTx))
                .body("project", equalTo(grantee)).body("askedBy.project", equalTo(grantee))
                .body("txId", matchesPattern("[0-9a-f]{64}")).body("blockNumber", greaterThan(0));
        check(granteeViewer, grantee, owner + "/sales", "inference").statusCode(200).body("allowed", equalTo(false))
                .body("reason", equalTo("NO_GRANT"));
        check(newKey(owner, "viewer"), owner, owner + "/sales", "training").statusCode(200)
                .body("allowed", equalTo(true)).body("reason", equalTo("OWNER"));

        admin().get(ledger(owner) + "/grants?dataset=sales").then().statusCode(200).body("total", equalTo(1))
                .body("items[0].grantee", equalTo(grantee)).body("items[0].status", equalTo("ACTIVE"));
        as(granteeViewer).get(ledger(grantee) + "/grants/received").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].dataset", equalTo(owner + "/sales"));

        String revoked = ledger(owner) + "/grants/sales/" + grantee + "/training";
        String revokeTx = admin().delete(revoked).then().statusCode(200).body("status", equalTo("REVOKED"))
                .body("revokedBy.project", equalTo(owner)).body("revokedAt", org.hamcrest.Matchers.notNullValue())
                .extract().path("txId");
        admin().delete(revoked).then().statusCode(200).body("txId", equalTo(revokeTx)); // again: unchanged

        check(granteeViewer, grantee, owner + "/sales", "training").statusCode(200).body("allowed", equalTo(false))
                .body("reason", equalTo("REVOKED"));
        admin().get(ledger(owner) + "/grants?dataset=sales").then().body("items[0].status", equalTo("REVOKED"));
        as(granteeViewer).get(ledger(grantee) + "/grants/received").then()
                .body("items[0].status", equalTo("REVOKED"));
    }

    @Test
    void aGrantPastItsExpiryIsRefusedAsExpired() {
        String owner = newProject("expo");
        String grantee = newProject("expg");
        dataset(owner, "clicks");
        String key = newKey(grantee, "operator");
        grant(owner, "clicks", grantee, "evaluation", Instant.now().plusSeconds(4)).statusCode(201);
        check(key, grantee, owner + "/clicks", "evaluation").statusCode(200).body("reason", equalTo("GRANTED"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "EXPIRED".equals(check(key, grantee, owner + "/clicks", "evaluation").statusCode(200).extract()
                        .path("reason")));
        check(key, grantee, owner + "/clicks", "evaluation").body("allowed", equalTo(false));
        as(key).get(ledger(grantee) + "/grants/received").then().body("items[0].expired", equalTo(true))
                .body("items[0].status", equalTo("ACTIVE"));
    }

    @Test
    void onlyTheOwnerRevokesAndBadGrantsAreRefusedBeforeTheLedger() {
        String owner = newProject("ownr");
        String other = newProject("othr");
        dataset(owner, "sales");
        String otherKey = newKey(other, "admin");
        grant(owner, "sales", other, "training", Instant.now().plusSeconds(3600)).statusCode(201);

        // another project cannot revoke: its own "sales" has no such grant, and the owner's path is not its own
        as(otherKey).delete(ledger(other) + "/grants/sales/" + other + "/training").then().statusCode(404)
                .body("code", equalTo("NOT_FOUND"));
        as(otherKey).delete(ledger(owner) + "/grants/sales/" + other + "/training").then().statusCode(404);
        check(otherKey, other, owner + "/sales", "training").body("allowed", equalTo(true));

        grant(owner, "nosuch", other, "training", Instant.now().plusSeconds(3600)).statusCode(404)
                .body("type", equalTo("https://lepton.ai/problems/not-found"));
        grant(owner, "sales", owner, "training", Instant.now().plusSeconds(3600)).statusCode(400)
                .body("errors.field", equalTo(List.of("grantee")));
        grant(owner, "sales", other, "training", Instant.now().minusSeconds(1)).statusCode(400)
                .body("errors.field", equalTo(List.of("expiresAt")));
        admin().contentType(ContentType.JSON).body(Map.of("dataset", "sales", "grantee", "Not A Slug",
                "expiresAt", "next week")).post(ledger(owner) + "/grants").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("grantee", "purpose", "expiresAt"));
        check(otherKey, other, "sales", "training").statusCode(400).body("errors.field", equalTo(List.of("dataset")));
        admin().get(ledger(owner) + "/grants").then().statusCode(400)
                .body("errors.field", equalTo(List.of("dataset")));
    }
}
