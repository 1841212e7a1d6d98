package ai.lepton.compute.service;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.compute.api.WorkloadMetrics;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SchedulingLoopTest {

    @Inject
    SchedulingLoop loop;
    @Inject
    WorkloadMetrics metrics;
    @Inject
    LeaderElection election;
    @Inject
    @Any
    InjectableInstance<AgroalDataSource> dataSources;
    @Inject
    ai.lepton.compute.config.ComputeConfig config;

    static String node(String tag, String suffix, long cpu) {
        String name = tag + "-" + suffix;
        admin().contentType(ContentType.JSON).body(Map.of("name", name, "zone", suffix, "capacity",
                Map.of("cpuMillis", cpu, "memoryMiB", 8192), "labels", Map.of("t", tag))).post("/api/nodes").then()
                .statusCode(201);
        return name;
    }

    static Map<String, Object> deployment(String name, String tag, int replicas, Map<String, Object> autoscale) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("replicas", replicas);
        m.put("resources", Map.of("cpuMillis", 1000, "memoryMiB", 256));
        m.put("nodeSelector", Map.of("t", tag));
        if (autoscale != null) {
            m.put("autoscale", autoscale);
        }
        return m;
    }

    @Test
    void autoscalerFollowsInFlightRequestsAndScalesToZeroWhenIdle() {
        String t = "as-" + UUID.randomUUID().toString().substring(0, 8);
        node(t, "a", 8000);
        String p = newProject("auto");
        admin().contentType(ContentType.JSON).body(deployment("api", t, 1, Map.of("minReplicas", 1, "maxReplicas", 5,
                "metric", "inflight", "target", 10, "scaleDownWindow", "0s", "scaleToZeroAfter", "1m")))
                .post("/api/projects/" + p + "/workloads").then().statusCode(201).body("running", equalTo(1));
        Instant t0 = Instant.now();
        metrics.inFlight(p, "api", 30);
        loop.round(t0);
        admin().get("/api/projects/" + p + "/workloads/api").then().body("desiredReplicas", equalTo(3))
                .body("running", equalTo(3));
        metrics.inFlight(p, "api", 500);
        loop.round(t0.plusSeconds(5));
        admin().get("/api/projects/" + p + "/workloads/api").then().body("desiredReplicas", equalTo(5));
        metrics.inFlight(p, "api", 0);
        loop.round(t0.plusSeconds(10)); // idle, but not yet for a minute: down to the floor, not to zero
        admin().get("/api/projects/" + p + "/workloads/api").then().body("desiredReplicas", equalTo(1));
        loop.round(t0.plusSeconds(120));
        admin().get("/api/projects/" + p + "/workloads/api").then().body("desiredReplicas", equalTo(0))
                .body("running", equalTo(0));
    }

    @Test
    void retryPlacesWhatBecamePlaceableAfterARebuild() {
        String t = "rt-" + UUID.randomUUID().toString().substring(0, 8);
        String a = node(t, "a", 1000);
        String p = newProject("retry");
        admin().contentType(ContentType.JSON).body(deployment("svc", t, 2, null))
                .post("/api/projects/" + p + "/workloads").then().statusCode(201).body("running", equalTo(1));
        admin().post("/api/nodes/" + a + "/cordon").then().statusCode(200);
        String b = node(t, "b", 1000); // registered while pending: placed at once by registerNode
        admin().get("/api/projects/" + p + "/workloads/svc").then().body("running", equalTo(2));
        admin().post("/api/nodes/" + b + "/drain").then().statusCode(200).body("pending.size()", equalTo(1));
        admin().post("/api/nodes/" + a + "/uncordon").then().statusCode(200);
        admin().post("/api/nodes/" + b + "/uncordon").then().statusCode(200);
        loop.round(Instant.now());
        List<String> nodes = admin().get("/api/projects/" + p + "/workloads/svc").then().body("running", equalTo(2))
                .extract().path("replicas.node");
        assertThat(nodes).containsExactlyInAnyOrder(a, b);
    }

    @Test
    void oneReplicaLeadsThroughAnAdvisoryLockAndAnotherTakesOverWhenItGoes() throws Exception {
        assertThat(election.isLeader()).isTrue();
        try (Connection other = dataSources.getActive().getConnection()) {
            assertThat(tryLock(other)).as("another session cannot lead while this process does").isFalse();
            election.resign(); // as if this process died: its session ends and PostgreSQL frees the lock
            assertThat(tryLock(other)).as("another session takes over").isTrue();
            assertThat(election.isLeader()).isFalse();
            try (PreparedStatement st = other.prepareStatement("select pg_advisory_unlock(?)")) {
                st.setLong(1, config.leaderLockKey());
                st.executeQuery().close();
            }
        }
        assertThat(election.isLeader()).as("this process leads again once the other lets go").isTrue();
    }

    private boolean tryLock(Connection c) throws Exception {
        try (PreparedStatement st = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            st.setLong(1, config.leaderLockKey());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
