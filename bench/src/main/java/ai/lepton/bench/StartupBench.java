package ai.lepton.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up benchmark of {@code java -jar} on the embedded default: seconds from process start to the first
 * successful authenticated API request, and resident memory right after it. First start (empty data directory:
 * migrations, key creation) and restart (existing data) are measured separately; the baseline, measured in the same
 * run, is a JVM serving one endpoint with the JDK's own HTTP server.
 *
 * <p>Floors, measured the same way when their jars are given: {@code bench/startup-floor}, a Quarkus application with
 * Lepton's Quarkus extensions and none of Lepton's code (one entity, one migration, one endpoint answering the same
 * request), built with only REST, Hibernate ORM with Panache, Flyway and H2 ({@code minimal}) and with every extension
 * Lepton installs ({@code full}). They show how much of the start-up is the stack's own and how much is Lepton's.
 *
 * <p>Usage: {@code StartupBench <jar> <work dir> [runs] [floor jar...]}; each floor is named after its jar's folder.
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Files.createDirectories(work);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<double[]> baseline = new ArrayList<>();
        List<double[]> first = new ArrayList<>();
        List<double[]> restart = new ArrayList<>();
        List<Path> floors = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            floors.add(Path.of(args[i]));
        }
        List<List<double[]>> floorFirst = new ArrayList<>();
        floors.forEach(f -> floorFirst.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            baseline.add(hello(http));
            for (int f = 0; f < floors.size(); f++) {
                floorFirst.get(f).add(lepton(floors.get(f), work.resolve("floor-" + System.nanoTime()), http));
            }
            Path dir = work.resolve("run-" + System.nanoTime());
            first.add(lepton(jar, dir, http));
            restart.add(lepton(jar, dir, http));
        }
        String host = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        System.out.printf(Locale.ROOT, "%nStart-up benchmark, %s, %d cores, %s, Java %s, median of %d runs%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), host, System.getProperty("java.version"),
                runs);
        System.out.println("| run | first successful request (s) | RSS after it (MiB) | time ratio to baseline |");
        System.out.println("|---|---:|---:|---:|");
        double base = median(baseline, 0);
        print("baseline: JVM + JDK HttpServer, one endpoint", baseline, base);
        for (int f = 0; f < floors.size(); f++) {
            print("stack floor `" + floors.get(f).getParent().getFileName() + "` (bench/startup-floor), first start",
                    floorFirst.get(f), base);
        }
        print("lepton java -jar, first start (empty ./data)", first, base);
        print("lepton java -jar, restart (existing ./data)", restart, base);
    }

    static void print(String name, List<double[]> samples, double base) {
        double t = median(samples, 0);
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.1f |%n", name, t, median(samples, 1), t / base);
    }

    static double median(List<double[]> samples, int index) {
        List<Double> v = new ArrayList<>();
        samples.forEach(s -> v.add(s[index]));
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    static double[] hello(HttpClient http) throws Exception {
        int port = Servers.freePort();
        String cp = System.getProperty("java.class.path");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                HelloServer.class.getName(), Integer.toString(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build();
            while (true) {
                try {
                    if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        return new double[] {s, rss(p)};
                    }
                } catch (IOException notYet) {
                    Thread.sleep(2);
                }
            }
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    static double[] lepton(Path jar, Path dir, HttpClient http) throws Exception {
        Servers.Lepton l = Servers.start(jar, dir, Map.of(), List.of());
        try {
            double s = Servers.awaitFirstRequest(l, http);
            return new double[] {s, l.rssMiB()};
        } finally {
            l.stop();
        }
    }

    static double rss(Process p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
