package ai.lepton.compute.web;

import static ai.lepton.testing.Api.admin;

import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helpers. Nodes are installation-wide and the test run shares one database, so every test registers nodes with
 * unique names carrying a per-test label {@code t=<tag>}, and its workloads select that label.
 */
final class Nodes {

    private Nodes() {
    }

    static String tag(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> spec(String name, String tag, String zone, long cpu, long mem) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("kind", "datacenter");
        m.put("region", "eu");
        m.put("zone", zone);
        m.put("site", "dc1");
        m.put("capacity", Map.of("cpuMillis", cpu, "memoryMiB", mem));
        m.put("labels", Map.of("t", tag));
        return m;
    }

    /** Registers a node and returns its name. */
    static String node(String tag, String suffix, String zone, long cpu, long mem) {
        String name = tag + "-" + suffix;
        admin().contentType(ContentType.JSON).body(spec(name, tag, zone, cpu, mem)).post("/api/nodes").then()
                .statusCode(201);
        return name;
    }

    static Map<String, Object> workload(String name, String tag, int replicas, long cpu, String strategy) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("type", "deployment");
        m.put("replicas", replicas);
        m.put("resources", Map.of("cpuMillis", cpu, "memoryMiB", 256));
        m.put("nodeSelector", Map.of("t", tag));
        if (strategy != null) {
            m.put("strategy", strategy);
        }
        return m;
    }

    static io.restassured.response.Response submit(String project, Map<String, Object> spec) {
        return admin().contentType(ContentType.JSON).body(spec).post("/api/projects/" + project + "/workloads");
    }

    static List<String> nodesOf(String project, String workload) {
        return admin().get("/api/projects/" + project + "/workloads/" + workload).then().statusCode(200).extract()
                .path("replicas.node");
    }
}
