package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import ai.lepton.ledger.LedgerTesting;
import ai.lepton.ledger.service.AnchorBatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ledger's and the compute module's fields of the GraphQL schema, with the same project scoping as REST. */
@QuarkusTest
class GraphQLTest {

    @Inject
    AnchorBatcher batcher;

    @Test
    void projectsShowTheirReceiptsAndWorkloadsAndNodesAreListed() {
        String p = LedgerTesting.projectWithAnchoredDataset("gqlr");
        batcher.flush();
        admin().contentType(ContentType.JSON).body(Map.of("name", "idle", "resources", Map.of("cpuMillis", 1),
                "nodeSelector", Map.of("t", "none"))).post("/api/projects/" + p + "/workloads").then().statusCode(201);
        String query = "{ project(name: \"" + p + "\") { receipts(subject: \"dataset:d/1\") { subject status txId "
                + "merkleRoot proof { side hash } } workloads { name type replicas { replica state reason } } } }";
        admin().contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then().statusCode(200)
                .body("errors", nullValue())
                .body("data.project.receipts", hasSize(1))
                .body("data.project.receipts[0].subject", equalTo("dataset:d/1"))
                .body("data.project.receipts[0].status", equalTo("ANCHORED"))
                .body("data.project.workloads[0].name", equalTo("idle"))
                .body("data.project.workloads[0].replicas[0].state", equalTo("Pending"));
        admin().contentType(ContentType.JSON).body(Map.of("query", "{ nodes(limit: 1000) { name state } }"))
                .post("/graphql").then().statusCode(200).body("errors", nullValue());
        // another project's key sees nothing of it
        String otherKey = newKey(newProject("gqlr-other"), "viewer");
        as(otherKey).contentType(ContentType.JSON).body(Map.of("query", query)).post("/graphql").then()
                .statusCode(200).body("errors[0].extensions.code", equalTo("not-found"))
                .body("data.project", nullValue());
        admin().contentType(ContentType.JSON).body(Map.of("query", "{ project(name: \"" + p
                + "\") { receipts(subject: \"dataset:D/1\") { subject } } }")).post("/graphql").then()
                .statusCode(200).body("errors[0].extensions.code", equalTo("validation"));
    }
}
