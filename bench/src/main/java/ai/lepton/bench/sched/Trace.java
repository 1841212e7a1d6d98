package ai.lepton.bench.sched;

import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeKind;
import ai.lepton.compute.scheduler.Resources;
import ai.lepton.compute.scheduler.TaintEffect;
import ai.lepton.compute.scheduler.Toleration;
import ai.lepton.compute.scheduler.TopologyKey;
import ai.lepton.compute.scheduler.Workload;
import ai.lepton.compute.scheduler.WorkloadType;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A seeded cluster and an arrival trace for a {@link Scenario}: workloads arrive one per tick and some depart after
 * an exponentially distributed lifetime; the events are replayed in time order.
 *
 * <p>Nodes: five shapes (4/16, 8/32, 16/64, 32/128 cores/GiB, and 32/256 with 8 GPUs tainted
 * {@code nvidia.com/gpu:NoSchedule}, 5 % of nodes), 10 zones, 20 sites, 3 regions, a price and a power model per
 * shape. Workloads: requests from 250m/512Mi to 4 cores/8Gi (100m/256Mi to 1 core/2Gi for small), 2 % GPU work that
 * tolerates the GPU taint, priorities 0 or 1000.
 *
 * @param nodes the cluster
 * @param events the trace
 */
public record Trace(List<Node> nodes, List<Event> events) {

    /** Submit or delete one workload. */
    public record Event(boolean submit, Workload workload) {
    }

    static final long[][] SHAPES = {{4000, 16384, 0}, {8000, 32768, 0}, {16000, 65536, 0}, {32000, 131072, 0},
        {32000, 262144, 8}};
    static final double[] PRICE = {0.17, 0.34, 0.68, 1.36, 12.0};
    static final double[][] POWER = {{60, 150}, {80, 220}, {110, 350}, {160, 520}, {400, 3200}};
    static final long[][] REQUESTS = {{250, 512}, {500, 1024}, {1000, 2048}, {2000, 4096}, {4000, 8192}};
    static final long[][] SMALL_REQUESTS = {{100, 256}, {250, 512}, {500, 1024}, {1000, 2048}};

    public static Trace generate(Scenario sc) {
        Random r = new Random(sc.seed());
        List<Node> nodes = new ArrayList<>(sc.nodes());
        for (int i = 0; i < sc.nodes(); i++) {
            int shape = r.nextInt(100) < 5 ? 4 : (sc.small() ? r.nextInt(3) : r.nextInt(4));
            long[] s = SHAPES[shape];
            Node.Builder b = Node.builder(String.format("node-%05d", i))
                    .kind(i % 10 == 0 ? NodeKind.EDGE : i % 3 == 0 ? NodeKind.DATACENTER : NodeKind.CLOUD)
                    .region("r" + (i % 3)).zone("z" + (i % 10)).site("s" + (i % 20))
                    .capacity(s[0], s[1], (int) s[2], s[2] > 0 ? "H100" : null)
                    .label("pool", "p" + r.nextInt(4)).costPerHour(PRICE[shape])
                    .power(POWER[shape][0], POWER[shape][1]);
            if (s[2] > 0) {
                b.taint("nvidia.com/gpu", "", TaintEffect.NO_SCHEDULE);
            }
            nodes.add(b.build());
        }
        record Timed(double t, int order, Event e) {
        }
        PriorityQueue<Timed> q = new PriorityQueue<>((a, b) -> a.t != b.t ? Double.compare(a.t, b.t)
                : Integer.compare(a.order, b.order));
        int total = 0;
        int i = 0;
        long[][] reqs = sc.small() ? SMALL_REQUESTS : REQUESTS;
        while (total < sc.replicas()) {
            int n = sc.minReplicas() + r.nextInt(sc.maxReplicas() - sc.minReplicas() + 1);
            n = Math.min(n, sc.replicas() - total);
            total += n;
            Workload.Builder w = Workload.builder(String.format("w-%06d", i)).project("p" + (i % 8))
                    .type(WorkloadType.DEPLOYMENT).replicas(n).priority(r.nextInt(4) == 0 ? 1000 : 0);
            if (r.nextInt(100) < 2) {
                w.resources(new Resources(4000, 16384, 1, "H100")).toleration(Toleration.exists("nvidia.com/gpu",
                        null)).type(WorkloadType.JOB);
            } else {
                long[] q0 = reqs[r.nextInt(reqs.length)];
                w.resources(Resources.of(q0[0], q0[1]));
            }
            if (sc.constrained()) {
                w.antiAffinity(TopologyKey.HOSTNAME).spread(TopologyKey.ZONE, 1);
            }
            Workload wl = w.build();
            q.add(new Timed(i, 2 * i, new Event(true, wl)));
            if (r.nextDouble() < sc.departures()) {
                q.add(new Timed(i + 1 - Math.log(1 - r.nextDouble()) * sc.replicas() / 20.0 / ((sc.minReplicas()
                        + sc.maxReplicas()) / 2.0), 2 * i + 1, new Event(false, wl)));
            }
            i++;
        }
        List<Event> events = new ArrayList<>(q.size());
        while (!q.isEmpty()) {
            events.add(q.poll().e);
        }
        return new Trace(nodes, events);
    }

    public int workloads() {
        return (int) events.stream().filter(Event::submit).count();
    }
}
