package ai.lepton.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/** Starts the packaged Lepton jar (and, for prod, PostgreSQL and an AMQP broker) for the load drivers. */
final class Servers {

    static final String ADMIN_KEY = "bench-admin-key-0123456789abcdefghij";

    /** A running Lepton process with GC logging, so the heap can be read afterwards. */
    record Lepton(Process process, int port, Path dir, Path gcLog, Path log, long startNanos) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        /** Peak heap used (the largest "before" of any GC) and largest live heap (the largest "after"), in MiB. */
        long[] heapMiB() throws IOException {
            return heap(0, false);
        }

        /**
         * Like {@link #heapMiB()}, over the GC log's lines from line {@code from} on (see {@link #gcLogLines()}), and
         * with the live heap read only from pauses that evacuate or compact (young, mixed, full): G1's remark and
         * cleanup lines print the occupancy at that moment, garbage included, as "after".
         */
        long[] heapMiB(int from) throws IOException {
            return heap(from, true);
        }

        private long[] heap(int from, boolean evacuationsOnly) throws IOException {
            Pattern p = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
            long peak = 0;
            long live = 0;
            List<String> lines = Files.readAllLines(gcLog);
            for (String line : lines.subList(Math.min(from, lines.size()), lines.size())) {
                Matcher m = p.matcher(line);
                if (m.find()) {
                    peak = Math.max(peak, Long.parseLong(m.group(1)));
                    if (!evacuationsOnly || line.contains("Pause Young") || line.contains("Pause Full")) {
                        live = Math.max(live, Long.parseLong(m.group(2)));
                    }
                }
            }
            return new long[] {peak, live};
        }

        /**
         * Asks the server JVM for a full collection ({@code jcmd <pid> GC.run}), so that what a phase leaves behind
         * in the old generation is not counted as live heap in the next one; false where jcmd is missing or failed.
         */
        boolean fullGc() throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            if (!Files.isExecutable(jcmd)) {
                return false;
            }
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        }

        /** Lines in the GC log so far: a mark for {@link #heapMiB(int)}. */
        int gcLogLines() throws IOException {
            return Files.readAllLines(gcLog).size();
        }

        /** Resident set size of the process, in MiB. */
        long rssMiB() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
            return -1;
        }
    }

    private Servers() {
    }

    static Lepton start(Path jar, Path workDir, Map<String, String> env, List<String> jvmArgs) throws IOException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int port = freePort();
        Path gc = dir.resolve("gc.log");
        Path log = dir.resolve("lepton.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-Xlog:gc:file=" + gc);
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LEPTON_") || k.startsWith("QUARKUS_"));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("LEPTON_ADMIN_KEY", ADMIN_KEY);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        return new Lepton(pb.start(), port, dir, gc, log, t0);
    }

    /** Polls until an authenticated API request succeeds; returns the seconds since the process was started. */
    static double awaitFirstRequest(Lepton l, HttpClient http) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(l.uri("/api/projects"))
                .header("Authorization", "Bearer " + ADMIN_KEY).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!l.process().isAlive()) {
                throw new IllegalStateException("lepton exited: " + Files.readString(l.log()));
            }
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - l.startNanos()) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("lepton did not answer in 120 s: " + Files.readString(l.log()));
    }

    static EmbeddedPostgres postgres() throws IOException {
        return EmbeddedPostgres.builder().start();
    }

    static EmbeddedActiveMQ artemis(int port) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        if (!broker.getActiveMQServer().isActive()) {
            throw new IllegalStateException("Artemis did not start");
        }
        return broker;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
