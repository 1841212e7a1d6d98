package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.ledger.anchor.MerkleTree;
import ai.lepton.ledger.api.ProofStep;
import ai.lepton.ledger.service.AnchorBatcher;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Events anchored end to end on the real embedded ledger: a dataset version, a trained model version and a placement
 * are taken in from the outbox (over the real AMQP broker), sealed into a Merkle batch, anchored with
 * {@code Provenance:anchorBatch}, and verified against the stored objects.
 */
@QuarkusTest
class AnchoringTest {

    @Inject
    AnchorBatcher batcher;
    @Inject
    ai.lepton.platform.api.store.Sessions sessions;

    @Test
    void datasetModelAndPlacementAreAnchoredInOneBatchWithProofsThatVerify() {
        String p = newProject("anch");
        upload(p, "sales", "region,kind,amount,label\n" + rows(p, 120));
        trainModel(p);
        String tag = "anch-" + UUID.randomUUID().toString().substring(0, 8);
        admin().contentType(ContentType.JSON).body(Map.of("name", tag + "-n1", "kind", "cloud", "region", "eu",
                "zone", "a", "site", "s1", "capacity", Map.of("cpuMillis", 4000, "memoryMiB", 8192),
                "labels", Map.of("t", tag))).post("/api/nodes").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("name", "web", "type", "deployment", "replicas", 1,
                "resources", Map.of("cpuMillis", 500, "memoryMiB", 256), "nodeSelector", Map.of("t", tag)))
                .post("/api/projects/" + p + "/workloads").then().statusCode(201).body("running", equalTo(1));

        // events travel through the outbox and the broker; each becomes a PENDING receipt
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                receipts(p, null).getList("items.subject", String.class))
                .contains("dataset:sales/1", "model:sales-cart/1", "placement:web/0/1"));
        assertThat(receipts(p, "dataset:sales/1").getString("items[0].status")).isEqualTo("PENDING");

        AnchorBatcher.Round round = batcher.flush();
        assertThat(round.anchored()).isPositive();
        assertThat(round.failed()).isZero();

        JsonPath all = receipts(p, null);
        assertThat(all.getInt("total")).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(all.getString("items[" + i + "].status")).isEqualTo("ANCHORED");
            assertThat(all.getString("items[" + i + "].txId")).hasSize(64);
            assertThat(all.getLong("items[" + i + "].blockNumber")).isPositive();
            // the receipt proves itself: leaf hash, proof and root fold without any server help
            String ledgerSubject = all.getString("items[" + i + "].ledgerSubject");
            String sha = all.getString("items[" + i + "].sha256");
            assertThat(ledgerSubject).startsWith(all.getString("items[" + i + "].subject").split(":")[0] + ":" + p + "/");
            List<ProofStep> proof = new ArrayList<>();
            for (Map<String, String> step : all.<Map<String, String>>getList("items[" + i + "].proof")) {
                proof.add(new ProofStep(ProofStep.Side.valueOf(step.get("side")), step.get("hash")));
            }
            assertThat(MerkleTree.verify(MerkleTree.leafHash(ledgerSubject, sha), proof,
                    all.getString("items[" + i + "].merkleRoot"))).isTrue();
        }

        for (String subject : List.of("dataset:sales/1", "model:sales-cart/1", "placement:web/0/1")) {
            admin().contentType(ContentType.JSON).body(Map.of("subject", subject))
                    .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                    .body("verified", equalTo(true)).body("checks.size()", equalTo(4))
                    .body("checks.ok", org.hamcrest.Matchers.everyItem(equalTo(true)));
        }
        // a placement is verified against its record in the event log: a changed node is caught
        String placementEvent = receipts(p, "placement:web/0/1").getString("items[0].eventId");
        rewriteLoggedEvent(placementEvent, "\"node\":\"", "\"node\":\"x");
        try {
            admin().contentType(ContentType.JSON).body(Map.of("subject", "placement:web/0/1"))
                    .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                    .body("verified", equalTo(false))
                    .body("checks.find { it.name == 'stored-digest' }.ok", equalTo(true))
                    .body("checks.find { it.name == 'anchored-digest' }.ok", equalTo(false));
        } finally {
            rewriteLoggedEvent(placementEvent, "\"node\":\"x", "\"node\":\"");
        }
        admin().contentType(ContentType.JSON).body(Map.of("subject", "placement:web/0/1"))
                .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                .body("verified", equalTo(true));
        // a second flush has nothing left to do: each event was anchored once
        assertThat(batcher.flush().anchoredLeaves()).isZero();
        assertThat(receipts(p, "placement:web/0").getInt("total")).isEqualTo(1);
        assertThat(receipts(p, "dataset:sales/*").getInt("total")).isEqualTo(1);
    }

    @Test
    void verifySubjectNamesTheTamperedDatasetAndTheWholeChainStaysIntact() throws Exception {
        String p = newProject("tamper");
        upload(p, "ledgerbook", "k,v\n" + p + ",1\n" + p + "-x,2\n");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> receipts(p, "dataset:ledgerbook/1")
                .getInt("total") == 1);
        batcher.flush();
        String sha = receipts(p, "dataset:ledgerbook/1").getString("items[0].sha256");
        Path blob = Path.of("target/test-data/blobs/sha256", sha.substring(0, 2), sha);
        assertThat(blob).exists();
        byte[] original = Files.readAllBytes(blob);
        var perms = Files.getPosixFilePermissions(blob);
        try {
            Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("rw-------"));
            byte[] changed = original.clone();
            changed[changed.length - 2] ^= 1;
            Files.write(blob, changed);
            admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:ledgerbook/1"))
                    .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                    .body("verified", equalTo(false)).body("anchoredSha256", equalTo(sha))
                    .body("checks.find { it.name == 'stored-digest' }.ok", equalTo(false))
                    .body("checks.find { it.name == 'anchored-digest' }.ok", equalTo(false))
                    .body("checks.find { it.name == 'inclusion-proof' }.ok", equalTo(false))
                    .body("checks.find { it.name == 'root-on-ledger' }.ok", equalTo(true));
        } finally {
            Files.write(blob, original);
            Files.setPosixFilePermissions(blob, perms);
        }
        admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:ledgerbook/1"))
                .post("/api/projects/" + p + "/ledger/verify-subject").then().statusCode(200)
                .body("verified", equalTo(true));
    }

    @Test
    void chainVerificationNamesTheFirstChangedBlockAndIsForInstallationAdminsOnly() throws Exception {
        String p = newProject("chain");
        admin().post("/api/ledger/verify").then().statusCode(200).body("intact", equalTo(true))
                .body("firstBadBlock", equalTo(-1));
        as(newKey(p, "admin")).post("/api/ledger/verify").then().statusCode(403);
        io.restassured.RestAssured.given().post("/api/ledger/verify").then().statusCode(401);

        int blocks = admin().post("/api/ledger/verify").then().extract().path("blocks");
        Path file = Path.of("target/test-data/ledger/chain/blocks.dat");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long at = raf.length() - 40; // inside the last block
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0x20);
            try {
                admin().post("/api/ledger/verify").then().statusCode(200).body("intact", equalTo(false))
                        .body("firstBadBlock", equalTo(blocks - 1)).body("problem", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
            } finally {
                raf.seek(at);
                raf.write(b);
            }
        }
        admin().post("/api/ledger/verify").then().statusCode(200).body("intact", equalTo(true));
    }

    @Test
    void receiptsAreProjectScopedAndSubjectsAreValidated() {
        String a = newProject("rcpa");
        String b = newProject("rcpb");
        upload(a, "secret", "x,y\n1,2\n" + a.length() + ",3\n");
        as(newKey(b, "viewer")).get("/api/projects/" + a + "/ledger/receipts").then().statusCode(404);
        as(newKey(a, "viewer")).get("/api/projects/" + a + "/ledger/receipts").then().statusCode(200);
        admin().get("/api/projects/" + a + "/ledger/receipts?subject=dataset:Secret/1").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("subject"));
        admin().get("/api/projects/" + a + "/ledger/receipts?limit=1001").then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:secret/*"))
                .post("/api/projects/" + a + "/ledger/verify-subject").then().statusCode(400)
                .body("errors[0].field", equalTo("subject"));
        admin().contentType(ContentType.JSON).body(Map.of("subject", "dataset:nothing/9"))
                .post("/api/projects/" + a + "/ledger/verify-subject").then().statusCode(404)
                .contentType("application/problem+json");
        admin().contentType(ContentType.JSON).body("{}")
                .post("/api/projects/" + a + "/ledger/verify-subject").then().statusCode(400);
    }

    @Test
    void readinessReportsTheOpenLedger() {
        io.restassured.RestAssured.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'ledger' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'ledger' }.data.mode", equalTo("embedded"))
                .body("checks.find { it.name == 'ledger' }.data.state", org.hamcrest.Matchers.oneOf("open", "opening"));
    }

    private void rewriteLoggedEvent(String eventId, String from, String to) {
        int changed = QuarkusTransaction.requiringNew().call(() -> sessions.current()
                .createNativeMutationQuery("update event_log set payload = replace(payload, ?1, ?2) where event_id = ?3")
                .setParameter(1, from).setParameter(2, to).setParameter(3, eventId).executeUpdate());
        assertThat(changed).isEqualTo(1);
    }

    private static JsonPath receipts(String project, String subject) {
        var req = admin();
        if (subject != null) {
            req = req.queryParam("subject", subject);
        }
        return req.get("/api/projects/" + project + "/ledger/receipts").then().statusCode(200).extract().jsonPath();
    }

    private static void upload(String project, String name, String csv) {
        admin().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/projects/" + project + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + project + "/datasets/" + name + "/versions").then().statusCode(201);
    }

    /** Rows unique to the project, so no other test stores the same content-addressed blob. */
    private static String rows(String project, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i % 2 == 0 ? "north" : "south").append(",a,").append(i * 7 % 13 + project.length()).append(',')
                    .append(i % 2 == 0 ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    private static void trainModel(String project) {
        String id = admin().contentType(ContentType.JSON).body(Map.of("dataset", "sales", "version", 1, "target",
                "label", "task", "classification", "algorithm", "cart")).post("/api/projects/" + project
                        + "/training-jobs").then().statusCode(202).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> "SUCCEEDED".equals(admin()
                .get("/api/projects/" + project + "/training-jobs/" + id).then().extract().path("state")));
    }
}
