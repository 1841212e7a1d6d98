package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.ledger.embedded.LocalCa;
import ai.lepton.ledger.service.AnchorBatcher;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The platform in {@code lepton.ledger.mode=fabric} with a peer that cannot be reached (no Fabric peer runs here; the
 * identity is a real certificate and key from a local CA). Nothing ledger-bound may look like a success: chain
 * verification answers 503 ledger-unavailable, readiness is down, and anchors stay sealed, retried, never anchored;
 * everything else keeps working.
 */
@QuarkusTest
@TestProfile(FabricModeTest.UnreachablePeer.class)
class FabricModeTest {

    /** Fabric mode against a closed local port. */
    public static class UnreachablePeer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("lepton-fabric-id");
                LocalCa.open(dir.resolve("ca"), "Org1MSP").operator(); // writes operator-cert.pem and operator-key.pem
                int closed;
                try (ServerSocket s = new ServerSocket(0)) {
                    closed = s.getLocalPort();
                }
                return Map.of("lepton.ledger.mode", "fabric",
                        "lepton.ledger.fabric.peer-endpoint", "127.0.0.1:" + closed,
                        "lepton.ledger.fabric.identities.operator.msp-id", "Org1MSP",
                        "lepton.ledger.fabric.identities.operator.cert",
                        dir.resolve("ca/operator-cert.pem").toString(),
                        "lepton.ledger.fabric.identities.operator.key", dir.resolve("ca/operator-key.pem").toString(),
                        "lepton.ledger.fabric.checkpoint-dir", dir.resolve("checkpoints").toString(),
                        "lepton.ledger.fabric.retry.attempts", "2",
                        "lepton.ledger.fabric.retry.initial-backoff", "50ms");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Inject
    AnchorBatcher batcher;

    @Test
    void anUnreachablePeerIsUnavailableNeverASuccess() {
        RestAssured.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'ledger' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'ledger' }.data.mode", equalTo("fabric"));
        admin().post("/api/ledger/verify").then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/ledger-unavailable"))
                .body("detail", containsString("127.0.0.1"));

        // the platform itself keeps working; the anchor waits, sealed, and is retried
        String p = ai.lepton.ledger.LedgerTesting.projectWithAnchoredDataset("fab");
        AnchorBatcher.Round first = batcher.flush();
        AnchorBatcher.Round second = batcher.flush();
        assertThat(first.anchored()).isZero();
        assertThat(first.failed()).isEqualTo(1);
        assertThat(second.anchored()).isZero();
        admin().get("/api/projects/" + p + "/ledger/receipts").then().statusCode(200)
                .body("items[0].status", equalTo("SEALED")).body("items[0].txId", equalTo(null));
        admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:d/1"))
                .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("checks.find { it.name == 'root-on-ledger' }.detail", containsString("ledger unavailable"));
    }
}
