package ai.lepton.compute.web;

import static ai.lepton.compute.web.Nodes.node;
import static ai.lepton.compute.web.Nodes.nodesOf;
import static ai.lepton.compute.web.Nodes.submit;
import static ai.lepton.compute.web.Nodes.tag;
import static ai.lepton.compute.web.Nodes.workload;
import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import ai.lepton.compute.service.ClusterHost;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WorkloadResourceTest {

    @Inject
    ClusterHost host;

    @Test
    void binpackFillsOneNodeWhileSpreadUsesBoth() {
        String t = tag("w1");
        String a = node(t, "a", "z1", 4000, 8192);
        node(t, "b", "z2", 4000, 8192);
        String p = newProject("wl");
        submit(p, workload("packed", t, 2, 1000, "binpack")).then().statusCode(201)
                .body("replicas.state", hasItems("Running")).body("lastPlacement.top[0].plugins.plugin",
                        hasItems("BinPack"));
        assertThat(nodesOf(p, "packed")).containsExactly(a, a);

        String u = tag("w1s");
        node(u, "a", "z1", 4000, 8192);
        node(u, "b", "z2", 4000, 8192);
        submit(p, workload("spread", u, 2, 1000, "spread")).then().statusCode(201);
        assertThat(nodesOf(p, "spread")).doesNotHaveDuplicates().hasSize(2);
        admin().get("/api/projects/" + p + "/workloads").then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void pendingReplicaSaysWhyInKubeStyle() {
        String t = tag("w2");
        node(t, "a", "z1", 1000, 8192);
        node(t, "b", "z2", 1000, 8192);
        String p = newProject("pend");
        submit(p, workload("big", t, 1, 2000, null)).then().statusCode(201).body("running", equalTo(0))
                .body("replicas[0].state", equalTo("Pending"))
                .body("replicas[0].reason", containsString("nodes available:"))
                .body("replicas[0].reason", containsString("2 insufficient cpu"))
                .body("replicas[0].node", nullValue());
    }

    @Test
    void validatesWorkloadSpecsNamingEachField() {
        String p = newProject("val");
        Map<String, Object> s = workload("Bad", "x", -1, 100, "fastest");
        s.put("priority", "urgent");
        s.put("affinity", Map.of("required", List.of(Map.of("matchExpressions", List.of(
                Map.of("key", "zone", "operator", "Near", "values", List.of("a")))))));
        s.put("tolerations", List.of(Map.of("key", "k", "effect", "Sometimes")));
        s.put("topologySpread", List.of(Map.of("key", "zone", "maxSkew", 0)));
        s.put("autoscale", Map.of("minReplicas", 2, "maxReplicas", 1, "metric", "rps"));
        admin().contentType(ContentType.JSON).body(s).post("/api/projects/" + p + "/workloads").then()
                .statusCode(400).body("errors.field", hasItems("name", "replicas", "strategy", "priority",
                        "affinity.required[0].matchExpressions[0].operator", "tolerations[0].effect",
                        "topologySpread[0].maxSkew", "autoscale.maxReplicas", "autoscale.metric"));
        Map<String, Object> job = workload("j", "x", 1, 100, null);
        job.put("type", "job");
        job.put("maxRetries", 3);
        job.put("ttlSecondsAfterFinished", 600);
        job.put("priority", 5);
        submit(p, job).then().statusCode(201).body("spec.maxRetries", equalTo(3))
                .body("spec.ttlSecondsAfterFinished", equalTo(600)).body("priority", equalTo(5));
        submit(p, job).then().statusCode(409);
        admin().get("/api/projects/" + p + "/workloads/j/allocation").then().statusCode(409);
    }

    @Test
    void higherPriorityPreemptsAndTheEvictionIsAnEvent() {
        String t = tag("w3");
        String a = node(t, "a", "z1", 2000, 8192);
        String p = newProject("pre");
        Map<String, Object> low = workload("batch", t, 2, 1000, null);
        low.put("priority", "low");
        submit(p, low).then().statusCode(201).body("running", equalTo(2));
        Map<String, Object> high = workload("serve", t, 1, 1000, null);
        high.put("priority", "high");
        submit(p, high).then().statusCode(201).body("running", equalTo(1)).body("priority", equalTo(1000))
                .body("lastPlacement.preemption", equalTo(true));
        assertThat(nodesOf(p, "serve")).containsExactly(a);
        admin().get("/api/projects/" + p + "/workloads/batch").then().body("running", equalTo(1))
                .body("replicas.state", hasItems("Running", "Pending"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin()
                .get("/api/projects/" + p + "/events?type=ReplicaEvicted").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].payload.workload", equalTo("batch"))
                .body("items[0].payload.cause", equalTo("preempted")).body("items[0].payload.node", equalTo(a)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin()
                .get("/api/projects/" + p + "/events?type=WorkloadPlaced").then().statusCode(200)
                .body("items", hasSize(3)).body("items.payload.explanation", hasItems(notNullValue())));
    }

    @Test
    void quotaRejectsOrQueuesAndIsNeverExceeded() {
        String t = tag("w4");
        node(t, "a", "z1", 8000, 8192);
        String rejecting = newProject("qr");
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 1500, "memoryMiB", 4096, "policy", "reject"))
                .put("/api/projects/" + rejecting + "/quota").then().statusCode(200).body("policy", equalTo("reject"));
        submit(rejecting, workload("two", t, 2, 1000, null)).then().statusCode(409)
                .body("type", equalTo("https://lepton.ai/problems/quota-exceeded"))
                .body("detail", containsString("cpu"));
        admin().get("/api/projects/" + rejecting + "/workloads/two").then().statusCode(404);
        submit(rejecting, workload("one", t, 1, 1000, null)).then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 2))
                .put("/api/projects/" + rejecting + "/workloads/one/replicas").then().statusCode(409);
        admin().get("/api/projects/" + rejecting + "/quota").then().body("usage.cpuMillis", equalTo(1000));

        String queueing = newProject("qq");
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 1000, "memoryMiB", 4096, "policy", "queue"))
                .put("/api/projects/" + queueing + "/quota").then().statusCode(200);
        submit(queueing, workload("first", t, 1, 1000, null)).then().statusCode(201).body("running", equalTo(1));
        submit(queueing, workload("second", t, 1, 1000, null)).then().statusCode(201).body("queued", equalTo(true))
                .body("running", equalTo(0));
        admin().get("/api/projects/" + queueing + "/quota").then().body("usage.cpuMillis", equalTo(1000))
                .body("queued", equalTo(List.of("second"))).body("limit.cpuMillis", equalTo(1000));
        admin().delete("/api/projects/" + queueing + "/workloads/first").then().statusCode(204);
        admin().get("/api/projects/" + queueing + "/workloads/second").then().body("queued", equalTo(false))
                .body("running", equalTo(1));
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 1, "memoryMiB", 1, "policy", "sometimes"))
                .put("/api/projects/" + queueing + "/quota").then().statusCode(400)
                .body("errors.field", hasItems("policy"));
    }

    @Test
    void allocationWeightsSumToOneAndScalingChangesReplicas() {
        String t = tag("w5");
        node(t, "a", "z1", 4000, 8192);
        node(t, "b", "z2", 8000, 8192);
        String p = newProject("alloc");
        Map<String, Object> w = workload("api", t, 2, 1000, "spread");
        w.put("topologySpread", List.of(Map.of("key", "zone", "maxSkew", 1)));
        submit(p, w).then().statusCode(201).body("running", equalTo(2));
        List<Float> weights = admin().get("/api/projects/" + p + "/workloads/api/allocation?demand=1.5").then()
                .statusCode(200).body("replicas", hasSize(2)).extract().path("replicas.weight");
        assertThat(weights.stream().mapToDouble(Float::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 4))
                .put("/api/projects/" + p + "/workloads/api/replicas").then().statusCode(200)
                .body("desiredReplicas", equalTo(4)).body("running", equalTo(4));
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 1))
                .put("/api/projects/" + p + "/workloads/api/replicas").then().statusCode(200)
                .body("running", equalTo(1)).body("replicas", hasSize(1));
    }

    @Test
    void aRebuildFromTheDatabaseRestoresTheSamePlacements() {
        String t = tag("w6");
        node(t, "a", "z1", 4000, 8192);
        node(t, "b", "z2", 4000, 8192);
        String p = newProject("restart");
        Map<String, Object> w = workload("svc", t, 3, 1000, "spread");
        w.put("antiAffinity", "hostname");
        submit(p, w).then().statusCode(201).body("running", equalTo(2));
        List<String> before = nodesOf(p, "svc");
        assertThat(before).hasSize(3).containsOnlyOnce(t + "-a", t + "-b").containsNull();
        host.rebuild();
        assertThat(nodesOf(p, "svc")).isEqualTo(before);
        admin().get("/api/projects/" + p + "/workloads/svc").then().statusCode(200).body("running", equalTo(2))
                .body("replicas.state", equalTo(List.of("Running", "Running", "Pending")))
                .body("spec.antiAffinity", equalTo("hostname"));
    }

    @Test
    void aRestartUnderAQueueQuotaKeepsRunningReplicasAndQueuesOnlyTheScaleUp() {
        String t = tag("w7");
        node(t, "a", "z1", 8000, 8192);
        String p = newProject("rq");
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 3000, "memoryMiB", 4096, "policy", "queue"))
                .put("/api/projects/" + p + "/quota").then().statusCode(200);
        submit(p, workload("api", t, 2, 1000, null)).then().statusCode(201).body("running", equalTo(2));
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 4))
                .put("/api/projects/" + p + "/workloads/api/replicas").then().statusCode(200)
                .body("desiredReplicas", equalTo(4)).body("admittedReplicas", equalTo(2))
                .body("queued", equalTo(true)).body("running", equalTo(2));
        List<String> before = nodesOf(p, "api");

        host.rebuild(); // as after a restart: the scheduler is read back from the database
        admin().get("/api/projects/" + p + "/workloads/api").then().statusCode(200)
                .body("desiredReplicas", equalTo(4)).body("admittedReplicas", equalTo(2))
                .body("queued", equalTo(true)).body("running", equalTo(2))
                .body("replicas.state", equalTo(List.of("Running", "Running")));
        assertThat(nodesOf(p, "api")).isEqualTo(before);
        admin().get("/api/projects/" + p + "/quota").then().body("usage.cpuMillis", equalTo(2000))
                .body("queued", equalTo(List.of("api")));

        // raising the quota admits the queued replicas after the restart as before it; usage stays within it
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 4000, "memoryMiB", 4096, "policy", "queue"))
                .put("/api/projects/" + p + "/quota").then().statusCode(200).body("usage.cpuMillis", equalTo(4000));
        host.rebuild();
        admin().get("/api/projects/" + p + "/workloads/api").then().body("admittedReplicas", equalTo(4))
                .body("queued", equalTo(false)).body("running", equalTo(4));
        assertThat(nodesOf(p, "api")).containsAll(before);
    }

    @Test
    void aGangRunsWholeOrNotAtAllAndGrowsOnlyWhenAllItsNewReplicasFit() {
        String t = tag("w8");
        node(t, "a", "z1", 2000, 8192);
        node(t, "b", "z2", 2000, 8192);
        String p = newProject("gang");
        Map<String, Object> big = workload("big", t, 3, 1500, null);
        big.put("gang", true);
        submit(p, big).then().statusCode(201).body("running", equalTo(0))
                .body("replicas.state", equalTo(List.of("Pending", "Pending", "Pending")))
                .body("replicas[0].reason", containsString("gang: 0/"));
        Map<String, Object> pair = workload("pair", t, 2, 1000, "spread");
        pair.put("gang", true);
        submit(p, pair).then().statusCode(201).body("running", equalTo(2));
        // two more fit (1000 free on each node), three more do not: 2 -> 5 changes nothing, 2 -> 4 places both
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 5))
                .put("/api/projects/" + p + "/workloads/pair/replicas").then().statusCode(409)
                .body("type", equalTo("https://lepton.ai/problems/gang-unplaceable"))
                .body("detail", containsString("gang cannot grow"));
        admin().get("/api/projects/" + p + "/workloads/pair").then().body("desiredReplicas", equalTo(2))
                .body("running", equalTo(2));
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 4))
                .put("/api/projects/" + p + "/workloads/pair/replicas").then().statusCode(200)
                .body("running", equalTo(4));
        admin().get("/api/projects/" + p + "/workloads/big").then().body("running", equalTo(0));
    }

    @Test
    void costStrategyPicksTheCheapestNodeAndEnergyStrategyAvoidsWakingAnIdleOne() {
        String t = tag("w9");
        String cheap = t + "-cheap";
        String dear = t + "-dear";
        for (String[] n : new String[][] {{cheap, "0.1"}, {dear, "1.0"}}) {
            Map<String, Object> s = Nodes.spec(n[0], t, "z1", 8000, 8192);
            s.put("costPerHour", Double.parseDouble(n[1]));
            s.put("power", Map.of("idleWatts", 100, "maxWatts", 300));
            admin().contentType(ContentType.JSON).body(s).post("/api/nodes").then().statusCode(201);
        }
        String p = newProject("strat");
        submit(p, workload("thrifty", t, 2, 1000, "cost")).then().statusCode(201)
                .body("lastPlacement.top[0].plugins.plugin", hasItems("Cost"));
        assertThat(nodesOf(p, "thrifty")).containsOnly(cheap);

        // the dear node is idle (assumed powered down): waking it costs its idle 100 W on top of the load's share
        submit(p, workload("green", t, 3, 1000, "energy")).then().statusCode(201)
                .body("lastPlacement.top[0].plugins.plugin", hasItems("Energy"));
        assertThat(nodesOf(p, "green")).containsOnly(cheap);
        // with the busy node full, energy has to wake the other one
        submit(p, workload("more", t, 1, 4000, "energy")).then().statusCode(201);
        assertThat(nodesOf(p, "more")).containsOnly(dear);
    }
}
