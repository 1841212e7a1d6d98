package ai.lepton;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box tests of the packaged jar: started with {@code java -jar} and no configuration (only a free HTTP port when
 * 8080 is taken), on H2 and in-process channels, driven over HTTP.
 */
class EmbeddedDefaultIT {

    static final Pattern ADMIN_KEY = Pattern.compile("(lep_[0-9A-Za-z]{40})");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final List<Process> started = new ArrayList<>();

    @TempDir
    Path workDir;

    record Running(Process process, int port, Path log) {
        String output() throws IOException {
            return Files.readString(log);
        }
    }

    @AfterEach
    void stopAll() {
        started.forEach(p -> {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    Running start(Map<String, String> env, String logName) throws Exception {
        int port = portFree(8080) ? 8080 : freePort();
        Path log = workDir.resolve(logName);
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-jar", jar()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LEPTON_") || k.startsWith("QUARKUS_"));
        if (port != 8080) {
            pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        return new Running(p, port, log);
    }

    Running startAndWait(Map<String, String> env, String logName) throws Exception {
        Running r = start(env, logName);
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (!r.process().isAlive()) {
                throw new AssertionError("lepton exited with " + r.process().exitValue() + ":\n" + r.output());
            }
            try {
                if (send(r, "GET", "/q/health/ready", null, null, null).statusCode() == 200) {
                    return r;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("lepton did not become ready in 90 s:\n" + r.output());
    }

    HttpResponse<String> send(Running r, String method, String path, String key, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + r.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String adminKey(Running r) throws IOException {
        Matcher m = ADMIN_KEY.matcher(r.output());
        assertThat(m.find()).as("the generated admin key is logged on first start").isTrue();
        return m.group(1);
    }

    @Test
    void startsWithNoConfigurationAndIngestsADataset() throws Exception {
        Running r = startAndWait(Map.of(), "first.log");
        String key = adminKey(r);
        assertThat(r.output()).contains("Profile embedded activated");
        assertThat(send(r, "GET", "/api/projects", null, null, null).statusCode()).isEqualTo(401);
        assertThat(send(r, "POST", "/api/projects", key, "application/json", "{\"name\":\"demo\"}").statusCode())
                .isEqualTo(201);
        assertThat(send(r, "POST", "/api/projects/demo/datasets", key, "application/json", "{\"name\":\"sales\"}")
                .statusCode()).isEqualTo(201);
        HttpResponse<String> v = send(r, "POST", "/api/projects/demo/datasets/sales/versions", key, "text/csv",
                "id,city,amount\n1,Oslo,10.5\n2,Rome,7\n2,Rome,7.0\n");
        assertThat(v.statusCode()).as(v.body()).isEqualTo(201);
        assertThat(v.body()).contains("\"rows\":2").contains("\"duplicatesRemoved\":1");
        HttpResponse<String> rows = send(r, "GET", "/api/projects/demo/datasets/sales/versions/1/rows", key, null, null);
        assertThat(rows.body()).contains("\"city\":\"Oslo\"").contains("\"amount\":10.5");
        assertThat(workDir.resolve("data/db")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".mv.db"));
        assertThat(Files.walk(workDir.resolve("data/blobs")).filter(Files::isRegularFile).count()).isGreaterThan(0);
        // the embedded ledger (on H2 here) anchors the version within a batch interval or two, and it verifies
        Instant anchorDeadline = Instant.now().plusSeconds(60);
        String receipts = "";
        while (Instant.now().isBefore(anchorDeadline) && !receipts.contains("\"status\":\"ANCHORED\"")) {
            Thread.sleep(250);
            receipts = send(r, "GET", "/api/projects/demo/ledger/receipts?subject=dataset:sales/1", key, null, null)
                    .body();
        }
        assertThat(receipts).contains("\"status\":\"ANCHORED\"").contains("\"ledgerSubject\":\"dataset:demo/sales/1\"");
        assertThat(send(r, "POST", "/api/projects/demo/ledger/verify-subject", key, "application/json",
                "{\"subject\":\"dataset:sales/1\"}").body()).contains("\"verified\":true");
        assertThat(send(r, "POST", "/api/ledger/verify", key, null, null).body()).contains("\"intact\":true");
        assertThat(workDir.resolve("data/ledger/chain/blocks.dat")).exists();
        // the key is logged once: a restart on the same data does not generate or print another
        stopAll();
        started.clear();
        Running again = startAndWait(Map.of(), "second.log");
        assertThat(ADMIN_KEY.matcher(again.output()).find()).isFalse();
        assertThat(send(again, "GET", "/api/projects/demo", key, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void eventCommittedBeforeACrashIsRelayedAfterRestart() throws Exception {
        Running r = startAndWait(Map.of("LEPTON_PLATFORM_OUTBOX_ENABLED", "false"), "no-relay.log");
        String key = adminKey(r);
        assertThat(send(r, "POST", "/api/projects", key, "application/json", "{\"name\":\"crash\"}").statusCode())
                .isEqualTo(201);
        // kill -9 right after the acknowledgement: no shutdown hooks, no time for background flushes
        r.process().destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        assertThat(r.output()).contains("outbox relay is disabled");
        started.clear();
        Running after = startAndWait(Map.of(), "after-crash.log");
        Instant deadline = Instant.now().plusSeconds(30);
        String events = "";
        while (Instant.now().isBefore(deadline)) {
            events = send(after, "GET", "/api/projects/crash/events", key, null, null).body();
            if (events.contains("ProjectCreated")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(events).contains("ProjectCreated").contains("\"total\":1");
    }

    @Test
    void prodProfileWithoutADatabaseExitsAtOnceNamingTheSetting() throws Exception {
        Running r = start(Map.of("QUARKUS_PROFILE", "prod"), "prod.log");
        assertThat(r.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(r.process().exitValue()).isNotZero();
        assertThat(r.output()).contains("LEPTON_DB_URL is not set").contains("LEPTON_AMQP_HOST is not set")
                .contains("LEPTON_FABRIC_PEER_ENDPOINT is not set");
    }

    @Test
    void prodProfileWithAnUnreachableDatabaseExitsNamingIt() throws Exception {
        int closed = freePort();
        Running r = start(Map.of("QUARKUS_PROFILE", "prod",
                "LEPTON_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/lepton",
                "LEPTON_AMQP_HOST", "127.0.0.1", "LEPTON_LEDGER_MODE", "embedded"), "prod-unreachable.log");
        assertThat(r.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(r.process().exitValue()).isNotZero();
        assertThat(r.output()).contains("lepton failed to start").contains("127.0.0.1:" + closed);
    }

    @Test
    void fabricModeWithAnUnreadableIdentityStopsStartUpNamingTheKeys() throws Exception {
        Running r = start(Map.of("LEPTON_LEDGER_MODE", "fabric", "LEPTON_FABRIC_PEER_ENDPOINT", "127.0.0.1:" + freePort(),
                "LEPTON_FABRIC_MSP_ID", "Org1MSP", "LEPTON_FABRIC_CERT", "/nonexistent/cert.pem",
                "LEPTON_FABRIC_KEY", "/nonexistent/key.pem", "LEPTON_DATA_DIR", "fabric-data"), "fabric-bad.log");
        assertThat(r.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(r.process().exitValue()).isNotZero();
        assertThat(r.output()).contains("lepton failed to start")
                .contains("lepton.ledger.fabric.identities.operator.cert").contains("/nonexistent/cert.pem")
                .contains("lepton.ledger.fabric.identities.operator.key");
    }

    static String jar() {
        String jar = System.getProperty("lepton.jar", "target/quarkus-app/quarkus-run.jar");
        return Path.of(jar).toAbsolutePath().toString();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
