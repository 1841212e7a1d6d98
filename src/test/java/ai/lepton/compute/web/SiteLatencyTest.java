package ai.lepton.compute.web;

import static ai.lepton.compute.web.Nodes.nodesOf;
import static ai.lepton.compute.web.Nodes.spec;
import static ai.lepton.compute.web.Nodes.submit;
import static ai.lepton.compute.web.Nodes.tag;
import static ai.lepton.compute.web.Nodes.workload;
import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SiteLatencyTest {

    @Test
    void latencyStrategyPlacesNearTheDataSource() {
        String t = tag("lat");
        String far = t + "-far";
        String near = t + "-near";
        Map<String, Object> a = spec(far, t, "z1", 4000, 8192);
        a.put("site", t + "-s1");
        Map<String, Object> b = spec(near, t, "z2", 4000, 8192);
        b.put("site", t + "-s2");
        admin().contentType(ContentType.JSON).body(a).post("/api/nodes").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(b).post("/api/nodes").then().statusCode(201);
        admin().contentType(ContentType.JSON).body(Map.of("sites", Map.of(t + "-lab", Map.of(t + "-s1", 80.0,
                t + "-s2", 4.5)))).put("/api/sites/latency").then().statusCode(200)
                .body("sites.'" + t + "-s2'.'" + t + "-lab'", equalTo(4.5f));
        admin().get("/api/sites/latency").then().statusCode(200)
                .body("sites.'" + t + "-lab'.'" + t + "-s1'", equalTo(80.0f));

        String p = newProject("lat");
        Map<String, Object> w = workload("etl", t, 1, 1000, "latency");
        w.put("dataSourceSite", t + "-lab");
        submit(p, w).then().statusCode(201).body("lastPlacement.top[0].plugins.plugin", hasItems("Latency"));
        assertThat(nodesOf(p, "etl")).containsExactly(near);

        as(newKey(p, "admin")).contentType(ContentType.JSON).body(Map.of("sites", Map.of()))
                .put("/api/sites/latency").then().statusCode(403);
        admin().contentType(ContentType.JSON).body(Map.of("sites", Map.of("a", Map.of("b", -1))))
                .put("/api/sites/latency").then().statusCode(400).body("errors[0].field", equalTo("sites.a.b"));
    }
}
