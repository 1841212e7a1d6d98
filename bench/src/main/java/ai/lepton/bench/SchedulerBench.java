package ai.lepton.bench;

import ai.lepton.bench.sched.FirstFit;
import ai.lepton.bench.sched.Heap;
import ai.lepton.bench.sched.Scenario;
import ai.lepton.bench.sched.Trace;
import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeStatus;
import ai.lepton.compute.scheduler.Resources;
import ai.lepton.compute.scheduler.ScheduleResult;
import ai.lepton.compute.scheduler.Scheduler;
import ai.lepton.compute.scheduler.SchedulerConfig;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Scheduler benchmark: replays seeded arrival traces (workloads arrive, some depart) through the Lepton scheduler
 * ({@code ai.lepton.compute.scheduler}, binpack, every node scored for every replica, a 3-node score breakdown per
 * placement) and through a naive first-fit scan measured in the same run on the same trace.
 *
 * <p>Scenarios (the targets, 2 cores): plain requests on 5,000 nodes (≥ 20,000 placements/s), also with one
 * replica per workload; hostname anti-affinity plus zone spread on 5,000 nodes (≥ 2,000 placements/s); 150,000
 * replicas on 10,000 nodes (under 10 s). Per run: placements/s (placements counted from the results, including
 * pending replicas placed after a departure, and replicas placed again after being preempted, with the evictions
 * shown beside), seconds, CPU and memory utilisation at the end, fragmentation (the
 * share of free CPU on nodes where a 1-core/2-GiB replica no longer fits), pending replicas at the end, heap (the
 * heap pools' peaks summed, which mostly shows how far the young generation grew; the largest occupancy left after a
 * collection during the replay; the live heap after it). Each figure is from the median run by time.
 *
 * <p>Usage: {@code SchedulerBench <results dir> [runs] [scenario...]} with scenarios {@code plain}, {@code single},
 * {@code constrained}, {@code large} (default: all).
 */
public final class SchedulerBench {

    private static final long REF_CPU = 1000;
    private static final long REF_MEM = 2048;

    private SchedulerBench() {
    }

    record Run(double seconds, long placements, long evictions, double cpuUtil, double memUtil,
            double fragmentation, long pending, long peakHeap, long maxLive, long liveHeap) {
        double rate() {
            return placements / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/results/scheduler");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<String> only = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        Files.createDirectories(out);
        List<Scenario> all = List.of(
                new Scenario("plain", 5_000, 60_000, 1, 8, false, 0.2, false, 11),
                new Scenario("single", 5_000, 40_000, 1, 1, false, 0.2, false, 12),
                new Scenario("constrained", 5_000, 40_000, 2, 16, true, 0.2, false, 13),
                new Scenario("large", 10_000, 150_000, 1, 20, false, 0.0, true, 14));
        String host = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 2)).orElse("unknown CPU");
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Scheduler benchmark, %s, %d cores, %s, Java %s, heap max %d MiB, "
                + "median of %d runs", LocalDate.now(), Runtime.getRuntime().availableProcessors(), host,
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, runs));
        lines.add("");
        lines.add("| scenario | nodes | workloads | placements (evictions) | placements/s | s | CPU / mem util | "
                + "fragmentation | pending at end | heap MiB: peak / max after GC / live at end | "
                + "ratio to first-fit |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Scenario sc : all) {
            if (!only.isEmpty() && !only.contains(sc.name())) {
                continue;
            }
            Trace warm = Trace.generate(sc.scaled(5));
            lepton(warm);
            firstFit(warm);
            Trace t = Trace.generate(sc);
            List<Run> ours = new ArrayList<>();
            List<Run> base = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                ours.add(lepton(t));
                base.add(firstFit(t));
            }
            Run o = median(ours);
            Run b = median(base);
            lines.add(row(sc.name() + ": Lepton scheduler", sc, t, o, o.rate() / b.rate()));
            lines.add(row(sc.name() + ": first-fit scan (baseline)", sc, t, b, 1.0));
            System.out.println(lines.get(lines.size() - 2));
            System.out.println(lines.get(lines.size() - 1));
        }
        System.out.println();
        lines.forEach(System.out::println);
        Files.write(out.resolve("scheduler-" + LocalDate.now() + ".md"), lines);
    }

    static Run lepton(Trace t) {
        Scheduler s = new Scheduler(SchedulerConfig.defaults());
        for (Node n : t.nodes()) {
            s.registerNode(n);
        }
        Heap.reset();
        long placed = 0;
        long evicted = 0;
        long t0 = System.nanoTime();
        for (Trace.Event e : t.events()) {
            ScheduleResult r = e.submit() ? s.submit(e.workload()) : s.delete(e.workload().name());
            placed += r.placements().size();
            evicted += r.evictions().size();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long peak = Heap.peakMiB();
        long maxLive = Heap.maxLiveMiB();
        double[] u = new double[6];
        for (NodeStatus n : s.state().nodes()) {
            Resources a = n.node().allocatable();
            u[0] += n.allocated().cpuMillis();
            u[1] += a.cpuMillis();
            u[2] += n.allocated().memoryMiB();
            u[3] += a.memoryMiB();
            u[4] += n.free().cpuMillis();
            if (n.free().cpuMillis() < REF_CPU || n.free().memoryMiB() < REF_MEM) {
                u[5] += n.free().cpuMillis();
            }
        }
        long pending = s.state().pending().size();
        long live = Heap.liveMiB();
        Reference.reachabilityFence(s); // the live figure must include the scheduler's state
        return new Run(secs, placed, evicted, u[0] / u[1], u[2] / u[3], u[4] > 0 ? u[5] / u[4] : 0, pending, peak,
                maxLive, live);
    }

    static Run firstFit(Trace t) {
        FirstFit f = new FirstFit(t.nodes());
        Heap.reset();
        long t0 = System.nanoTime();
        for (Trace.Event e : t.events()) {
            if (e.submit()) {
                f.submit(e.workload());
            } else {
                f.delete(e.workload().name());
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long peak = Heap.peakMiB();
        long maxLive = Heap.maxLiveMiB();
        double[] u = f.usage(REF_CPU, REF_MEM);
        long live = Heap.liveMiB();
        Reference.reachabilityFence(f);
        return new Run(secs, f.placements, 0, u[0] / u[1], u[2] / u[3], u[4] > 0 ? u[5] / u[4] : 0, f.pending(), peak,
                maxLive, live);
    }

    static Run median(List<Run> runs) {
        List<Run> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.seconds, b.seconds));
        return sorted.get(sorted.size() / 2);
    }

    static String row(String name, Scenario sc, Trace t, Run r, double ratio) {
        return String.format(Locale.ROOT, "| %s | %,d | %,d | %,d (%,d) | %,.0f | %.2f | %.0f %% / %.0f %% | %.1f %% | "
                + "%,d | %d / %d / %d | %.2f |", name, sc.nodes(), t.workloads(), r.placements, r.evictions, r.rate(),
                r.seconds, 100 * r.cpuUtil, 100 * r.memUtil, 100 * r.fragmentation, r.pending, r.peakHeap, r.maxLive,
                r.liveHeap, ratio);
    }
}
