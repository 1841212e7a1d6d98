package ai.lepton.ml.web;

import static ai.lepton.ml.web.TrainingJobTest.dataset;
import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import ai.lepton.ml.api.AnomalyDetected;
import ai.lepton.ml.api.TelemetryListener;
import ai.lepton.ml.api.TelemetryPoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The telemetry detector and forecaster through the API, on a NAB series and on series with known answers. */
@QuarkusTest
class TelemetryModelTest {

    @Inject
    TelemetryListener telemetry;

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Five-minute points of a daily cycle with noise; a spike of {@code spike} at row {@code at} (1-based). */
    static String seasonal(int rows, int at, double spike, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < rows; i++) {
            double v = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0) + r.nextGaussian();
            if (i + 1 == at) {
                v += spike;
            }
            sb.append(START.plusSeconds(300L * i)).append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
        return sb.toString();
    }

    static Response detect(String project, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post("/api/projects/" + project + "/detectors/run");
    }

    @Test
    void aSpikeInASeasonalSeriesIsTheOnlyAnomalyAndScoresArePaged() {
        String p = newProject("det");
        dataset(p, "cpu", seasonal(2016, 1500, 60, 5));
        Response r = detect(p, Map.of("dataset", "cpu", "limit", 100));
        r.then().statusCode(200).body("points", equalTo(2016)).body("scores.total", equalTo(2016))
                .body("scores.items.size()", equalTo(100)).body("scores.items[0].row", equalTo(1))
                .body("scores.items[0].score", equalTo(0.0f)).body("threshold", equalTo(0.3f))
                .body("options.alarmHold", equalTo("PT12H"));
        // after the probationary period (NAB's: the first 15 % of rows) the spike is the only anomaly, found at once
        List<Map<String, Object>> anomalies = r.<List<Map<String, Object>>>path("anomalies").stream()
                .filter(a -> ((Number) a.get("row")).intValue() > 2016 * 15 / 100).toList();
        assertThat(anomalies).isNotEmpty();
        assertThat(anomalies).allSatisfy(a -> assertThat(((Number) a.get("row")).intValue()).isBetween(1500, 1517));
        assertThat(anomalies.get(0).get("row")).isEqualTo(1500);
        List<String> windowStarts = r.path("windows.start");
        assertThat(windowStarts).contains(START.plusSeconds(300L * 1499).toString());

        Response tail = detect(p, Map.of("dataset", "cpu", "offset", 2000, "limit", 100));
        tail.then().statusCode(200).body("scores.items.size()", equalTo(16)).body("scores.items[0].row", equalTo(2001))
                .body("scores.offset", equalTo(2000));
        // online: the scores of a prefix do not depend on what comes after it
        dataset(p, "cpu-prefix", seasonal(1400, -1, 0, 5));
        List<Float> full = detect(p, Map.of("dataset", "cpu", "limit", 1400)).path("scores.items.score");
        List<Float> prefix = detect(p, Map.of("dataset", "cpu-prefix", "limit", 1400)).path("scores.items.score");
        assertThat(prefix).isEqualTo(full);
    }

    @Test
    void theNabSeriesAnomalyIsFoundInsideItsLabelledWindow() throws IOException {
        String p = newProject("detnab");
        try (InputStream in = getClass().getResourceAsStream("/nab/ec2_cpu_utilization_24ae8d.csv")) {
            dataset(p, "ec2", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        // NAB's windows for this file: 2014-02-26 13:45 to 02-27 06:25 and 02-27 08:55 to 02-28 01:35
        Response r = detect(p, Map.of("dataset", "ec2", "threshold", 0.3, "limit", 1));
        r.then().statusCode(200).body("points", equalTo(4032));
        List<String> starts = r.path("windows.start");
        assertThat(starts).anySatisfy(s -> assertThat(Instant.parse(s))
                .isBetween(Instant.parse("2014-02-26T13:45:00Z"), Instant.parse("2014-02-28T01:35:00Z")));
    }

    @Test
    void aForecastOfASeasonalSeriesFollowsTheCycleWithinItsInterval() {
        String p = newProject("fc");
        dataset(p, "load", seasonal(2016, -1, 0, 9));
        Response r = admin().contentType(ContentType.JSON).body(Map.of("dataset", "load", "horizon", 24))
                .post("/api/projects/" + p + "/forecasts");
        r.then().statusCode(200).body("points", equalTo(2016)).body("intervalSeconds", equalTo(300))
                .body("forecast.size()", equalTo(24)).body("confidence", equalTo(0.9f));
        assertThat(r.<Integer>path("period")).isBetween(280, 296);
        for (int h = 0; h < 24; h++) {
            int i = 2016 + h;
            double truth = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0);
            float mean = r.path("forecast[" + h + "].mean");
            assertThat((double) mean).isCloseTo(truth, org.assertj.core.data.Offset.offset(3.0));
            assertThat(r.<Float>path("forecast[" + h + "].lower")).isLessThan(mean);
            assertThat(r.<Float>path("forecast[" + h + "].upper")).isGreaterThan(mean);
            assertThat(r.<String>path("forecast[" + h + "].timestamp")).isEqualTo(START.plusSeconds(300L * i).toString());
        }
    }

    @Test
    void badRequestsNameTheFieldAndTheRow() {
        String p = newProject("detbad");
        dataset(p, "mixed", "timestamp,value,label\n2026-01-01T00:00:00Z,1,a b c\n2026-01-01T00:05:00Z,2,d e f\n"
                + "2026-01-01T00:10:00Z,3,g h i\n");
        dataset(p, "back", "timestamp,value\n2026-01-01T00:00:00Z,1\n2026-01-01T00:10:00Z,2\n2026-01-01T00:05:00Z,3\n");
        String url = "/api/projects/" + p + "/detectors/run";
        detect(p, Map.of("dataset", "mixed", "valueColumn", "nope")).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("valueColumn"))
                .body("errors[0].message", containsString("no column 'nope'"));
        detect(p, Map.of("dataset", "mixed", "valueColumn", "label")).then().statusCode(400)
                .body("errors[0].field", equalTo("valueColumn")).body("errors[0].message", containsString("numeric"));
        detect(p, Map.of("dataset", "mixed", "timeColumn", "value")).then().statusCode(200);
        detect(p, Map.of("dataset", "mixed", "options", Map.of("window", "1h"))).then().statusCode(400)
                .body("errors[0].field", equalTo("options.window"));
        detect(p, Map.of("dataset", "mixed", "options", Map.of("alarmHold", "soon"))).then().statusCode(400)
                .body("errors[0].field", equalTo("options.alarmHold"));
        detect(p, Map.of("dataset", "mixed", "limit", 0)).then().statusCode(400).body("errors[0].field", equalTo("limit"));
        detect(p, Map.of("dataset", "mixed", "limit", 10_001)).then().statusCode(400);
        detect(p, Map.of("dataset", "mixed", "threshold", 1.5)).then().statusCode(400)
                .body("errors[0].field", equalTo("threshold"));
        detect(p, Map.of("dataset", "mixed", "version", 7)).then().statusCode(400).body("errors[0].field", equalTo("version"));
        detect(p, Map.of("dataset", "back")).then().statusCode(400).body("errors[0].field", equalTo("timeColumn"))
                .body("errors[0].message", containsString("row 3"));
        detect(p, Map.of()).then().statusCode(400).body("errors[0].field", equalTo("dataset"));
        admin().contentType(ContentType.JSON).body("{\"dataset\":").post(url).then().statusCode(400);
        admin().contentType(ContentType.JSON).body(Map.of("dataset", "mixed")).post("/api/projects/" + p + "/forecasts")
                .then().statusCode(400).body("errors[0].field", equalTo("valueColumn"))
                .body("errors[0].message", containsString("at least 8 points"));
        admin().contentType(ContentType.JSON).body(Map.of("dataset", "mixed", "horizon", 0))
                .post("/api/projects/" + p + "/forecasts").then().statusCode(400).body("errors[0].field", equalTo("horizon"));
    }

    @Test
    void aLiveDetectorOnANodeMetricPublishesAnomalyDetected() {
        String p = newProject("live");
        admin().contentType(ContentType.JSON).body(Map.of("name", "cpu-watch", "metric", "live_cpu_" + p, "node", "n1"))
                .post("/api/projects/" + p + "/detectors/live").then().statusCode(201).body("node", equalTo("n1"))
                .body("threshold", equalTo(0.3f));
        admin().contentType(ContentType.JSON).body(Map.of("name", "cpu-watch", "metric", "x"))
                .post("/api/projects/" + p + "/detectors/live").then().statusCode(409);
        admin().contentType(ContentType.JSON).body(Map.of("name", "bad", "metric", "x", "options", Map.of("z", 1)))
                .post("/api/projects/" + p + "/detectors/live").then().statusCode(400)
                .body("errors[0].field", equalTo("options.z"));

        // the test source: two nodes send a daily cycle every five minutes; n1 spikes at point 1500, n2 at 1200
        String metric = "live_cpu_" + p;
        Random r = new Random(3);
        List<AnomalyDetected> raised = new ArrayList<>();
        for (int i = 0; i < 1600; i++) {
            Instant at = START.plusSeconds(300L * i);
            double base = 50 + 20 * Math.sin(2 * Math.PI * i / 288.0);
            List<TelemetryPoint> batch = List.of(
                    new TelemetryPoint("n1", metric, at, base + r.nextGaussian() + (i == 1499 ? 60 : 0)),
                    new TelemetryPoint("n2", metric, at, base + r.nextGaussian() + (i == 1199 ? 60 : 0)));
            raised.addAll(telemetry.accept(batch));
        }
        assertThat(raised).isNotEmpty().allSatisfy(a -> {
            assertThat(a.node()).isEqualTo("n1"); // the detector watches n1 only
            assertThat(a.at()).isBetween(START.plusSeconds(300L * 1499), START.plusSeconds(300L * 1516));
            assertThat(a.project()).isEqualTo(p);
            assertThat(a.score()).isGreaterThanOrEqualTo(0.3);
        });
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<Map<String, Object>> events = admin().get("/api/projects/" + p + "/events?type=AnomalyDetected")
                    .then().statusCode(200).extract().path("items");
            assertThat(events).hasSize(raised.size());
            assertThat(events.get(0).toString()).contains("cpu-watch").contains("n1");
        });
        admin().get("/api/projects/" + p + "/detectors/live/cpu-watch").then().statusCode(200).body("series", equalTo(1));
        admin().delete("/api/projects/" + p + "/detectors/live/cpu-watch").then().statusCode(204);
        assertThat(telemetry.accept(List.of(new TelemetryPoint("n1", metric, START.plusSeconds(300L * 1600), 1e6))))
                .isEmpty();
    }
}
