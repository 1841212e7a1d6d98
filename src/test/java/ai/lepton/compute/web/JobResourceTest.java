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
import ai.lepton.compute.service.SchedulingLoop;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Jobs run to completion: replica ends reported over REST, retries, job state, quota, TTL, restart. */
@QuarkusTest
class JobResourceTest {

    @Inject
    SchedulingLoop loop;
    @Inject
    ClusterHost host;

    static Map<String, Object> job(String name, String tag, int replicas, long cpu) {
        Map<String, Object> m = workload(name, tag, replicas, cpu, null);
        m.put("type", "job");
        return m;
    }

    static Response report(String project, String job, int replica, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body)
                .post("/api/projects/" + project + "/workloads/" + job + "/replicas/" + replica + "/status");
    }

    static Map<String, Object> outcome(String phase, Integer exitCode, String message) {
        Map<String, Object> m = new HashMap<>();
        m.put("phase", phase);
        if (exitCode != null) {
            m.put("exitCode", exitCode);
        }
        if (message != null) {
            m.put("message", message);
        }
        return m;
    }

    static int allocatedCpu(String node) {
        return admin().get("/api/nodes/" + node).then().statusCode(200).extract().path("allocated.cpuMillis");
    }

    @Test
    void succeededReplicasFreeTheirNodeAndTheJobSucceedsWithItsTimesAndAnEvent() {
        String t = tag("j1");
        String a = node(t, "a", "z1", 4000, 8192);
        String p = newProject("jobok");
        submit(p, job("train", t, 2, 1000)).then().statusCode(201).body("running", equalTo(2))
                .body("job.state", equalTo("Running")).body("job.retries", equalTo(0))
                .body("job.maxRetries", equalTo(0)).body("job.startedAt", notNullValue())
                .body("job.finishedAt", nullValue());
        assertThat(allocatedCpu(a)).isEqualTo(2000);

        report(p, "train", 0, outcome("Succeeded", 0, "epoch 3/3")).then().statusCode(200)
                .body("running", equalTo(1)).body("job.state", equalTo("Running")).body("job.succeeded", equalTo(1))
                .body("replicas[0].state", equalTo("Succeeded")).body("replicas[0].node", equalTo(a))
                .body("replicas[0].exitCode", equalTo(0)).body("replicas[0].message", equalTo("epoch 3/3"))
                .body("replicas[1].state", equalTo("Running"));
        assertThat(allocatedCpu(a)).isEqualTo(1000);
        assertThat(admin().get("/api/nodes/" + a).then().extract().<List<Integer>>path("replicas.replica"))
                .containsExactly(1);

        report(p, "train", 1, Map.of("phase", "succeeded")).then().statusCode(200)
                .body("job.state", equalTo("Succeeded")).body("job.finishedAt", notNullValue())
                .body("job.expiresAt", nullValue()).body("replicas.state", equalTo(List.of("Succeeded", "Succeeded")))
                .body("replicas[1].exitCode", nullValue());
        assertThat(allocatedCpu(a)).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> admin()
                .get("/api/projects/" + p + "/events?type=JobFinished").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].payload.workload", equalTo("train"))
                .body("items[0].payload.state", equalTo("Succeeded")).body("items[0].payload.retries", equalTo(0))
                .body("items[0].payload.replicas", equalTo(2)));

        report(p, "train", 1, outcome("Succeeded", null, null)).then().statusCode(409)
                .body("detail", containsString("has finished (Succeeded)"));
        admin().contentType(ContentType.JSON).body(Map.of("replicas", 3))
                .put("/api/projects/" + p + "/workloads/train/replicas").then().statusCode(409)
                .body("detail", containsString("has finished"));
    }

    @Test
    void aFailureIsRetriedElsewhereAndTheLastOneFailsTheJobAndStopsTheOtherReplicas() {
        String t = tag("j2");
        String a = node(t, "a", "z1", 2000, 8192);
        String b = node(t, "b", "z2", 2000, 8192);
        String p = newProject("jobfail");
        Map<String, Object> spec = job("train", t, 2, 1000);
        spec.put("strategy", "spread");
        spec.put("maxRetries", 1);
        submit(p, spec).then().statusCode(201).body("running", equalTo(2)).body("job.maxRetries", equalTo(1));
        List<String> before = nodesOf(p, "train");
        assertThat(before).containsExactlyInAnyOrder(a, b);
        String first = before.get(0);
        String other = before.get(1);
        admin().post("/api/nodes/" + first + "/cordon").then().statusCode(200);

        Map<String, Object> failed = outcome("Failed", 137, "OOMKilled");
        failed.put("node", first);
        failed.put("attempt", 0);
        report(p, "train", 0, failed).then().statusCode(200)
                .body("job.state", equalTo("Running")).body("job.retries", equalTo(1))
                .body("replicas[0].state", equalTo("Running")).body("replicas[0].node", equalTo(other))
                .body("replicas[0].restarts", equalTo(1)).body("replicas[0].exitCode", equalTo(137))
                .body("replicas[0].message", equalTo("OOMKilled"));
        assertThat(allocatedCpu(first)).isZero();
        assertThat(allocatedCpu(other)).isEqualTo(2000);
        // the same report again is stale: the replica now runs elsewhere, and on its second attempt
        report(p, "train", 0, failed).then().statusCode(409).body("detail", containsString("the report is stale"));
        failed.remove("node");
        report(p, "train", 0, failed).then().statusCode(409)
                .body("detail", containsString("is on attempt 1, not 0: the report is stale"));

        report(p, "train", 1, outcome("Failed", 2, "loss is NaN")).then().statusCode(200)
                .body("running", equalTo(0)).body("job.state", equalTo("Failed")).body("job.retries", equalTo(1))
                .body("job.finishedAt", notNullValue())
                .body("replicas.state", equalTo(List.of("Stopped", "Failed")))
                .body("replicas[1].exitCode", equalTo(2)).body("replicas[1].message", equalTo("loss is NaN"))
                .body("replicas[1].reason", containsString("no retries left (1 of 1 used)"))
                .body("replicas[0].reason", containsString("job " + p + "/train failed"))
                .body("replicas[0].node", equalTo(other));
        assertThat(allocatedCpu(other)).isZero();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            admin().get("/api/projects/" + p + "/events?type=JobFinished").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].payload.state", equalTo("Failed"))
                    .body("items[0].payload.retries", equalTo(1))
                    .body("items[0].payload.detail", containsString("replica 1 failed on node"));
            admin().get("/api/projects/" + p + "/events?type=ReplicaEvicted").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].payload.cause", equalTo("job-failed"))
                    .body("items[0].payload.replica", equalTo(0)).body("items[0].payload.node", equalTo(other));
        });
        admin().post("/api/nodes/" + first + "/uncordon").then().statusCode(200);
    }

    @Test
    void aGangJobFailsWholeWhenAMemberFailsWithNoRetriesLeft() {
        String t = tag("j3");
        node(t, "a", "z1", 4000, 8192);
        String p = newProject("jobgang");
        Map<String, Object> spec = job("allreduce", t, 3, 1000);
        spec.put("gang", true);
        submit(p, spec).then().statusCode(201).body("running", equalTo(3));
        report(p, "allreduce", 1, outcome("Failed", 1, null)).then().statusCode(200)
                .body("job.state", equalTo("Failed")).body("running", equalTo(0))
                .body("replicas.state", equalTo(List.of("Stopped", "Failed", "Stopped")));
    }

    @Test
    void reportsAreCheckedFieldByFieldAndRefusedForWhatIsNotARunningJobReplica() {
        String t = tag("j4");
        node(t, "a", "z1", 1000, 8192);
        String p = newProject("jobval");
        submit(p, job("train", t, 2, 1000)).then().statusCode(201).body("running", equalTo(1));
        report(p, "train", 0, Map.of("exitCode", 0)).then().statusCode(400).body("errors.field", hasItems("phase"));
        report(p, "train", 0, outcome("Done", null, null)).then().statusCode(400)
                .body("errors[0].field", equalTo("phase"));
        report(p, "train", 0, outcome("Succeeded", 3, "x".repeat(1001))).then().statusCode(400)
                .body("errors.field", hasItems("exitCode", "message"));
        report(p, "train", 0, outcome("Failed", 0, null)).then().statusCode(400)
                .body("errors.field", equalTo(List.of("exitCode")));
        Map<String, Object> negative = outcome("Failed", 1, null);
        negative.put("attempt", -1);
        report(p, "train", 0, negative).then().statusCode(400).body("errors.field", equalTo(List.of("attempt")));
        report(p, "train", 1, outcome("Succeeded", 0, null)).then().statusCode(409)
                .body("detail", containsString("is not running: it is pending"));
        report(p, "train", 7, outcome("Succeeded", 0, null)).then().statusCode(404)
                .body("detail", containsString("has no replica 7"));
        report(p, "nope", 0, outcome("Succeeded", 0, null)).then().statusCode(404);
        submit(p, workload("web", t, 1, 10, null)).then().statusCode(201);
        report(p, "web", 0, outcome("Failed", 1, null)).then().statusCode(409)
                .body("detail", containsString("is a deployment"));
        // none of these changed anything
        admin().get("/api/projects/" + p + "/workloads/train").then().body("running", equalTo(1))
                .body("job.state", equalTo("Running")).body("replicas.state", equalTo(List.of("Running", "Pending")));
    }

    @Test
    void endedReplicasStopCountingAgainstTheQuotaSoQueuedWorkIsAdmitted() {
        String t = tag("j5");
        node(t, "a", "z1", 8000, 8192);
        String p = newProject("jobq");
        admin().contentType(ContentType.JSON).body(Map.of("cpuMillis", 2000, "memoryMiB", 4096, "policy", "queue"))
                .put("/api/projects/" + p + "/quota").then().statusCode(200);
        submit(p, job("first", t, 2, 1000)).then().statusCode(201).body("running", equalTo(2));
        submit(p, job("second", t, 1, 1000)).then().statusCode(201).body("queued", equalTo(true));
        report(p, "first", 0, outcome("Succeeded", 0, null)).then().statusCode(200);
        admin().get("/api/projects/" + p + "/workloads/second").then().body("queued", equalTo(false))
                .body("running", equalTo(1));
        admin().get("/api/projects/" + p + "/quota").then().body("usage.cpuMillis", equalTo(2000))
                .body("queued", equalTo(List.of()));
        report(p, "first", 1, outcome("Failed", 1, null)).then().statusCode(200).body("job.state", equalTo("Failed"));
        admin().get("/api/projects/" + p + "/quota").then().body("usage.cpuMillis", equalTo(1000));
    }

    @Test
    void theLoopDeletesFinishedJobsOnceTheirTimeToLiveHasPassedAndKeepsTheOthers() {
        String t = tag("j6");
        node(t, "a", "z1", 8000, 8192);
        String p = newProject("jobttl");
        Map<String, Object> now = job("now", t, 1, 100);
        now.put("ttlSecondsAfterFinished", 0);
        Map<String, Object> hour = job("hour", t, 1, 100);
        hour.put("ttlSecondsAfterFinished", 3600);
        Map<String, Object> kept = job("kept", t, 1, 100);
        Map<String, Object> running = job("running", t, 1, 100);
        running.put("ttlSecondsAfterFinished", 0);
        for (Map<String, Object> j : List.of(now, hour, kept, running)) {
            submit(p, j).then().statusCode(201).body("running", equalTo(1));
        }
        report(p, "now", 0, outcome("Failed", 1, null)).then().statusCode(200).body("job.state", equalTo("Failed"));
        report(p, "hour", 0, outcome("Succeeded", 0, null)).then().statusCode(200);
        report(p, "kept", 0, outcome("Succeeded", 0, null)).then().statusCode(200);
        Map<String, String> times = admin().get("/api/projects/" + p + "/workloads/hour").then().extract()
                .path("job");
        Instant expires = Instant.parse(times.get("expiresAt"));
        assertThat(expires).isEqualTo(Instant.parse(times.get("finishedAt")).plusSeconds(3600));

        loop.round(Instant.now());
        admin().get("/api/projects/" + p + "/workloads/now").then().statusCode(404);
        admin().get("/api/projects/" + p + "/workloads/hour").then().statusCode(200);
        loop.round(expires.minusSeconds(1));
        admin().get("/api/projects/" + p + "/workloads/hour").then().statusCode(200);
        loop.round(expires);
        admin().get("/api/projects/" + p + "/workloads/hour").then().statusCode(404);
        loop.round(Instant.now().plus(Duration.ofDays(3650)));
        admin().get("/api/projects/" + p + "/workloads/kept").then().statusCode(200)
                .body("job.state", equalTo("Succeeded")).body("job.expiresAt", nullValue());
        admin().get("/api/projects/" + p + "/workloads/running").then().statusCode(200)
                .body("job.state", equalTo("Running"));
        admin().get("/api/projects/" + p + "/workloads").then().body("total", equalTo(2));
    }

    @Test
    void jobProgressSurvivesARebuildFromTheDatabase() {
        String t = tag("j7");
        String a = node(t, "a", "z1", 8000, 8192);
        String p = newProject("jobrs");
        Map<String, Object> spec = job("train", t, 3, 1000);
        spec.put("maxRetries", 2);
        submit(p, spec).then().statusCode(201).body("running", equalTo(3));
        report(p, "train", 0, outcome("Succeeded", 0, "ok")).then().statusCode(200);
        report(p, "train", 1, outcome("Failed", 9, "flaky")).then().statusCode(200).body("running", equalTo(2));
        submit(p, job("done", t, 1, 1000)).then().statusCode(201);
        report(p, "done", 0, outcome("Failed", 3, "bad input")).then().statusCode(200);
        Map<String, Object> before = admin().get("/api/projects/" + p + "/workloads/train").then().extract()
                .path("");
        Map<String, Object> doneBefore = admin().get("/api/projects/" + p + "/workloads/done").then().extract()
                .path("");

        host.rebuild(); // as after a restart: the scheduler is read back from the database
        Map<String, Object> after = admin().get("/api/projects/" + p + "/workloads/train").then().statusCode(200)
                .body("job.state", equalTo("Running")).body("job.retries", equalTo(1))
                .body("replicas.state", equalTo(List.of("Succeeded", "Running", "Running")))
                .body("replicas[1].restarts", equalTo(1)).body("replicas[1].exitCode", equalTo(9))
                .extract().path("");
        assertThat(after).isEqualTo(before);
        assertThat(admin().get("/api/projects/" + p + "/workloads/done").then().extract().<Map<String, Object>>path(""))
                .isEqualTo(doneBefore);
        assertThat(allocatedCpu(a)).isEqualTo(2000);
        // and it goes on where it was: the last retry, then success
        report(p, "train", 2, outcome("Failed", 1, null)).then().statusCode(200).body("job.retries", equalTo(2));
        report(p, "train", 1, outcome("Succeeded", 0, null)).then().statusCode(200);
        report(p, "train", 2, outcome("Succeeded", 0, null)).then().statusCode(200)
                .body("job.state", equalTo("Succeeded"));
        assertThat(allocatedCpu(a)).isZero();
    }
}
