package ai.lepton.compute.web;

import static ai.lepton.compute.web.Nodes.node;
import static ai.lepton.compute.web.Nodes.nodesOf;
import static ai.lepton.compute.web.Nodes.spec;
import static ai.lepton.compute.web.Nodes.submit;
import static ai.lepton.compute.web.Nodes.tag;
import static ai.lepton.compute.web.Nodes.workload;
import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NodeResourceTest {

    @Test
    void registersANodeWithCapacityAllocatableAllocatedAndState() {
        String t = tag("n1");
        Map<String, Object> s = spec(t + "-a", t, "z1", 8000, 16384);
        s.put("capacity", Map.of("cpuMillis", 8000, "memoryMiB", 16384, "gpus", 1, "gpuModel", "L4"));
        s.put("taints", List.of(Map.of("key", "dedicated", "value", "vision", "effect", "NoSchedule")));
        s.put("costPerHour", 0.4);
        s.put("power", Map.of("idleWatts", 40, "maxWatts", 180));
        admin().contentType(ContentType.JSON).body(s).post("/api/nodes").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/nodes/" + t + "-a"))
                .body("state", equalTo("Ready")).body("allocatable.gpus", equalTo(1))
                .body("allocated.cpuMillis", equalTo(0)).body("taints[0].effect", equalTo("NoSchedule"));
        admin().get("/api/nodes/" + t + "-a").then().statusCode(200).body("capacity.gpuModel", equalTo("L4"))
                .body("power.maxWatts", equalTo(180.0f)).body("kind", equalTo("datacenter"))
                .body("replicas", hasSize(0));
        admin().contentType(ContentType.JSON).body(s).post("/api/nodes").then().statusCode(409);
        List<String> names = admin().get("/api/nodes?limit=1000").then().statusCode(200).extract()
                .path("items.name");
        assertThat(names).contains(t + "-a");
        admin().get("/api/nodes/nope-" + t).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void rejectsInvalidNodesNamingEachField() {
        String t = tag("n2");
        Map<String, Object> s = spec("Bad Name", t, "z1", 1000, 1000);
        s.put("kind", "mainframe");
        s.put("capacity", Map.of("cpuMillis", -1, "memoryMiB", 1024));
        s.put("taints", List.of(Map.of("key", "a", "effect", "NoSchedule"), Map.of("key", "b", "effect", "Sometimes")));
        s.put("power", Map.of("idleWatts", 100, "maxWatts", 50));
        admin().contentType(ContentType.JSON).body(s).post("/api/nodes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "kind", "capacity.cpuMillis", "taints[1].effect",
                        "power.maxWatts"));
        admin().get("/api/nodes/bad-name").then().statusCode(404);
    }

    @Test
    void onlyInstallationAdminsAndOperatorsChangeNodesButAnyKeyReads() {
        String t = tag("n3");
        String p = newProject("nodes");
        String projectAdmin = newKey(p, "admin");
        as(projectAdmin).contentType(ContentType.JSON).body(spec(t + "-x", t, "z1", 1000, 1000)).post("/api/nodes")
                .then().statusCode(403).body("type", equalTo("https://lepton.ai/problems/forbidden"));
        given().get("/api/nodes").then().statusCode(401);
        String op = admin().contentType(ContentType.JSON).body(Map.of("role", "operator", "name", "ops"))
                .post("/api/keys").then().statusCode(201).extract().path("key");
        as(op).contentType(ContentType.JSON).body(spec(t + "-x", t, "z1", 1000, 1000)).post("/api/nodes").then()
                .statusCode(201);
        as(projectAdmin).get("/api/nodes/" + t + "-x").then().statusCode(200);
        as(projectAdmin).post("/api/nodes/" + t + "-x/cordon").then().statusCode(403);
        as(projectAdmin).delete("/api/nodes/" + t + "-x").then().statusCode(403);
        as(op).delete("/api/nodes/" + t + "-x").then().statusCode(204);
        admin().get("/api/nodes/" + t + "-x").then().statusCode(404);
    }

    @Test
    void drainMovesReplicasAndDeleteReplacesThem() {
        String t = tag("n4");
        String a = node(t, "a", "z1", 4000, 8192);
        String b = node(t, "b", "z2", 4000, 8192);
        String p = newProject("drain");
        submit(p, workload("web", t, 2, 1000, "binpack")).then().statusCode(201).body("running", equalTo(2));
        assertThat(nodesOf(p, "web")).containsOnly(a);

        admin().post("/api/nodes/" + a + "/cordon").then().statusCode(200).body("state", equalTo("Cordoned"))
                .body("replicas", hasSize(2));
        admin().post("/api/nodes/" + a + "/drain").then().statusCode(200)
                .body("node.state", equalTo("Draining")).body("node.replicas", hasSize(0))
                .body("moved", hasSize(2)).body("moved.to", hasItems(b)).body("pending", hasSize(0));
        assertThat(nodesOf(p, "web")).containsOnly(b);
        admin().get("/api/nodes/" + b).then().body("allocated.cpuMillis", equalTo(2000));

        admin().post("/api/nodes/" + a + "/uncordon").then().statusCode(200).body("state", equalTo("Ready"));
        admin().delete("/api/nodes/" + b).then().statusCode(204);
        assertThat(nodesOf(p, "web")).containsOnly(a);
        admin().post("/api/nodes/" + b + "/drain").then().statusCode(404);
    }

    @Test
    void patchChangesLabelsTaintsCostAndPowerKeepsTheRestAndANoExecuteTaintMovesReplicas() {
        String t = tag("n5");
        String a = node(t, "a", "z1", 4000, 8192);
        String b = node(t, "b", "z2", 4000, 8192);
        String p = newProject("patch");
        submit(p, workload("web", t, 2, 1000, "binpack")).then().statusCode(201).body("running", equalTo(2));
        assertThat(nodesOf(p, "web")).containsOnly(a);

        admin().contentType(ContentType.JSON).body(Map.of("labels", Map.of("t", t, "rack", "r2"), "costPerHour", 0.35,
                "power", Map.of("idleWatts", 50, "maxWatts", 200))).patch("/api/nodes/" + a).then().statusCode(200)
                .body("labels.rack", equalTo("r2")).body("costPerHour", equalTo(0.35f))
                .body("power.idleWatts", equalTo(50.0f)).body("zone", equalTo("z1")).body("site", equalTo("dc1"))
                .body("capacity.cpuMillis", equalTo(4000)).body("replicas", hasSize(2));
        admin().get("/api/nodes/" + a).then().body("labels.rack", equalTo("r2")).body("power.maxWatts",
                equalTo(200.0f));

        admin().contentType(ContentType.JSON).body(Map.of("taints", List.of(Map.of("key", "maintenance",
                "effect", "NoExecute")))).patch("/api/nodes/" + a).then().statusCode(200)
                .body("taints[0].effect", equalTo("NoExecute")).body("replicas", hasSize(0))
                .body("allocated.cpuMillis", equalTo(0)).body("labels.rack", equalTo("r2"));
        assertThat(nodesOf(p, "web")).containsOnly(b);
        admin().get("/api/projects/" + p + "/events?type=ReplicaEvicted").then().statusCode(200);

        admin().contentType(ContentType.JSON).body(Map.of("taints", List.of())).patch("/api/nodes/" + a).then()
                .statusCode(200).body("taints", hasSize(0));
    }

    @Test
    void patchRefusesAShrinkBelowAllocatedNamingTheResourceAndFixedFields() {
        String t = tag("n6");
        String a = node(t, "a", "z1", 4000, 8192);
        String p = newProject("shrink");
        submit(p, workload("web", t, 3, 1000, null)).then().statusCode(201).body("running", equalTo(3));

        admin().contentType(ContentType.JSON).body(Map.of("capacity", Map.of("cpuMillis", 2000, "memoryMiB", 8192)))
                .patch("/api/nodes/" + a).then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/capacity-below-allocated"))
                .body("errors.field", equalTo(List.of("capacity.cpuMillis")))
                .body("errors[0].message", equalTo("2000 is below the 3000 allocated to the node's replicas"));
        admin().get("/api/nodes/" + a).then().body("capacity.cpuMillis", equalTo(4000)).body("replicas", hasSize(3));

        admin().contentType(ContentType.JSON).body(Map.of("capacity", Map.of("cpuMillis", 3000, "memoryMiB", 4096)))
                .patch("/api/nodes/" + a).then().statusCode(200).body("allocatable.cpuMillis", equalTo(3000))
                .body("replicas", hasSize(3));
        // growing lets a pending replica in at once
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 4))
                .put("/api/projects/" + p + "/workloads/web/replicas").then().statusCode(200).body("running",
                        equalTo(3));
        admin().contentType(ContentType.JSON).body(Map.of("capacity", Map.of("cpuMillis", 6000, "memoryMiB", 4096)))
                .patch("/api/nodes/" + a).then().statusCode(200).body("replicas", hasSize(4));

        admin().contentType(ContentType.JSON).body(Map.of("zone", "z9", "kind", "datacenter",
                "taints", List.of(Map.of("key", "x", "effect", "Sometimes")))).patch("/api/nodes/" + a).then()
                .statusCode(400).body("errors.field", equalTo(List.of("zone")));
        admin().contentType(ContentType.JSON).body(Map.of("taints", List.of(Map.of("key", "x", "effect",
                "Sometimes")))).patch("/api/nodes/" + a).then().statusCode(400)
                .body("errors.field", equalTo(List.of("taints[0].effect")));
        admin().contentType(ContentType.JSON).body(Map.of("costPerHour", 1)).patch("/api/nodes/nope-" + t).then()
                .statusCode(404);
        String projectAdmin = newKey(p, "admin");
        as(projectAdmin).contentType(ContentType.JSON).body(Map.of("costPerHour", 1)).patch("/api/nodes/" + a)
                .then().statusCode(403);
    }
}
