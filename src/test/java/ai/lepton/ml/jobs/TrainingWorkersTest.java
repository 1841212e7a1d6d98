package ai.lepton.ml.jobs;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.ml.store.TrainingJobEntity;
import ai.lepton.ml.store.TrainingJobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TrainingWorkersTest {

    @Inject
    TrainingWorkers workers;
    @Inject
    TrainingJobRepository jobs;

    @Test
    void queuedJobIsCancelledAtOnceAndNeverRuns() throws Exception {
        String p = newProject("cancel");
        admin().contentType(ContentType.JSON).body(Map.of("name", "d")).post("/api/projects/" + p + "/datasets")
                .then().statusCode(201);
        admin().contentType("text/csv").body("a,b\n1,x\n2,y\n3,x\n4,y\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/projects/" + p + "/datasets/d/versions").then().statusCode(201);
        workers.pause(true);
        try {
            String id = admin().contentType(ContentType.JSON)
                    .body(Map.of("dataset", "d", "task", "classification", "algorithm", "cart", "target", "b"))
                    .post("/api/projects/" + p + "/training-jobs").then().statusCode(202).extract().path("id");
            admin().post("/api/projects/" + p + "/training-jobs/" + id + "/cancel").then().statusCode(200)
                    .body("state", equalTo("CANCELLED"));
            admin().post("/api/projects/" + p + "/training-jobs/" + id + "/cancel").then().statusCode(409);
            workers.pause(false);
            Thread.sleep(500);
            workers.awaitIdle(Duration.ofSeconds(30).toMillis());
            admin().get("/api/projects/" + p + "/training-jobs/" + id).then().body("state", equalTo("CANCELLED"))
                    .body("startedAt", equalTo(null));
        } finally {
            workers.pause(false);
        }
    }

    @Test
    void runningJobWhoseWorkerStoppedReportingIsFailedWithTheReason() {
        String p = newProject("reap");
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            TrainingJobEntity e = new TrainingJobEntity();
            e.id = id;
            e.projectId = projectIdOf(p);
            e.model = "m";
            e.dataset = "d";
            e.datasetVersion = 1;
            e.task = "CLASSIFICATION";
            e.algorithm = "CART";
            e.featuresJson = "[]";
            e.hyperparametersJson = "{}";
            e.splitJson = "{\"train\":0.7,\"validation\":0.1,\"test\":0.2,\"seed\":42}";
            e.state = "RUNNING";
            e.stage = "training";
            e.worker = "worker-gone";
            e.createdAt = Instant.now().minusSeconds(900);
            e.startedAt = e.createdAt;
            e.heartbeatAt = Instant.now().minusSeconds(600);
            jobs.persist(e);
        });
        workers.reapStale();
        admin().get("/api/projects/" + p + "/training-jobs/" + id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", org.hamcrest.Matchers.containsString("stopped reporting"));
    }

    private long projectIdOf(String name) {
        return QuarkusTransaction.requiringNew().call(() -> (Long) io.quarkus.arc.Arc.container()
                .instance(ai.lepton.platform.api.store.Sessions.class).get().current()
                .createSelectionQuery("select id from ProjectEntity where name = :n", Long.class)
                .setParameter("n", name).getSingleResult());
    }
}
