package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import ai.lepton.ledger.service.LedgerHost;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reading another project's dataset under a data-sharing grant, on the real embedded ledger: each read is preceded
 * by a recorded {@code checkAccess} decision, and only an allowed one reads the owner's rows.
 */
@QuarkusTest
class SharedDataTest {

    @Inject
    LedgerHost host;

    String decision(String txId) {
        return new String(host.ledger().evaluate(host.operator(), "DataSharing:getDecision", txId).payload(),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    static String shared(String reader, String owner, String rest) {
        return "/api/projects/" + reader + "/shared/" + owner + "/sales/versions/1" + rest;
    }

    @Test
    void aGranteeReadsTheOwnersRowsForTheGrantedPurposeOnlyAndEveryReadIsADecisionOnTheLedger() {
        String owner = newProject("own");
        String reader = newProject("rdr");
        String outsider = newProject("out");
        String readerViewer = newKey(reader, "viewer");
        String outsiderKey = newKey(outsider, "admin");
        admin().contentType(ContentType.JSON).body(Map.of("name", "sales")).post("/api/projects/" + owner
                + "/datasets").then().statusCode(201);
        admin().contentType("text/csv").body("id,amount\n1,10.5\n2,7\n3,1.25\n").post("/api/projects/" + owner
                + "/datasets/sales/versions").then().statusCode(201);

        // before any grant: the same 404 as for a dataset that does not exist, and the denial is still recorded
        String before = as(readerViewer).get(shared(reader, owner, "/rows?purpose=training")).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no current grant of "
                        + owner + "/sales for training")).extract().path("detail");
        String deniedTx = before.replaceAll(".*transaction ([0-9a-f]{64}).*", "$1");
        as(readerViewer).get(shared(reader, owner, "/rows?purpose=training").replace("/sales/", "/nothing/"))
                .then().statusCode(404);

        admin().contentType(ContentType.JSON).body(Map.of("dataset", "sales", "grantee", reader, "purpose",
                "training", "expiresAt", "2099-01-01T00:00:00Z")).post("/api/projects/" + owner + "/ledger/grants")
                .then().statusCode(201);

        // a viewer of the grantee reads the owner's rows; the header names the allowing decision
        String tx = as(readerViewer).get(shared(reader, owner, "/rows?purpose=training&offset=1&limit=1")).then()
                .statusCode(200).header(SharedDataResource.DECISION_HEADER, matchesPattern("[0-9a-f]{64}"))
                .body("total", equalTo(3)).body("columns", equalTo(List.of("id", "amount")))
                .body("rows[0].id", equalTo(2)).body("rows[0].amount", equalTo(7))
                .extract().header(SharedDataResource.DECISION_HEADER);
        org.assertj.core.api.Assertions.assertThat(tx).isNotEqualTo(deniedTx);
        as(readerViewer).get(shared(reader, owner, "?purpose=training")).then().statusCode(200)
                .body("rows", equalTo(3)).body("number", equalTo(1));
        // the grant covers this purpose only; an unknown version is the same 404 as no grant would be
        as(readerViewer).get(shared(reader, owner, "/rows?purpose=marketing")).then().statusCode(404);
        as(readerViewer).get(shared(reader, owner, "/rows?purpose=training").replace("/versions/1/",
                "/versions/9/")).then().statusCode(404);
        // another project's key cannot read through the grantee, nor as itself
        as(outsiderKey).get(shared(reader, owner, "/rows?purpose=training")).then().statusCode(404)
                .body("type", equalTo("https://lepton.ai/problems/not-found"));
        as(outsiderKey).get(shared(outsider, owner, "/rows?purpose=training")).then().statusCode(404);
        // bad input names the field; the owner reads its own data where it lives
        as(readerViewer).get(shared(reader, owner, "/rows")).then().statusCode(400)
                .body("errors[0].field", equalTo("purpose"));
        as(readerViewer).get(shared(reader, owner, "/rows?purpose=training&limit=1001")).then().statusCode(400);
        admin().get(shared(owner, owner, "/rows?purpose=training")).then().statusCode(400)
                .body("errors[0].field", equalTo("owner"));

        // both decisions, the denial before the grant and the allowing one, are records on the ledger
        org.assertj.core.api.Assertions.assertThat(decision(deniedTx)).contains("\"allowed\":false")
                .contains("\"reason\":\"NO_GRANT\"").contains("\"project\":\"" + reader + "\"");
        org.assertj.core.api.Assertions.assertThat(decision(tx)).contains("\"allowed\":true")
                .contains("\"reason\":\"GRANTED\"").contains("\"dataset\":\"" + owner + "/sales\"");

        // revoked: reads stop at once
        admin().delete("/api/projects/" + owner + "/ledger/grants/sales/" + reader + "/training").then()
                .statusCode(200);
        as(readerViewer).get(shared(reader, owner, "/rows?purpose=training")).then().statusCode(404)
                .body("detail", containsString("no current grant"));
    }
}
