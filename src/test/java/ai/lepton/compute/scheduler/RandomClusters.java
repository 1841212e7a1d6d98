package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded generators of nodes and workloads for the property tests. */
final class RandomClusters {

    static final String[] GPU_MODELS = {"A100", "H100"};

    private RandomClusters() {
    }

    static <T> T pick(Random r, T[] a) {
        return a[r.nextInt(a.length)];
    }

    static Node node(Random r, String name, int zones, int sites, boolean allowUnready) {
        Node.Builder b = Node.builder(name).kind(pick(r, NodeKind.values()))
                .zone("z" + r.nextInt(zones)).site("s" + r.nextInt(sites)).region("r" + r.nextInt(2));
        long cpu = pick(r, new Long[] {1000L, 2000L, 4000L, 8000L});
        long mem = pick(r, new Long[] {1024L, 4096L, 8192L, 16384L});
        if (r.nextInt(5) == 0) {
            b.capacity(cpu, mem, 1 + r.nextInt(4), pick(r, GPU_MODELS));
        } else {
            b.capacity(cpu, mem);
        }
        b.label("tier", pick(r, new String[] {"a", "b", "c"}));
        if (r.nextBoolean()) {
            b.label("cores", Integer.toString(r.nextInt(64)));
        }
        if (r.nextInt(5) == 0) {
            b.taint("dedicated", pick(r, new String[] {"x", "y"}), r.nextBoolean() ? TaintEffect.NO_SCHEDULE
                    : TaintEffect.NO_EXECUTE);
        }
        if (r.nextInt(6) == 0) {
            b.taint("spot", "", TaintEffect.PREFER_NO_SCHEDULE);
        }
        b.costPerHour(r.nextInt(20) / 4.0).power(20 + r.nextInt(100), 150 + r.nextInt(300));
        if (allowUnready) {
            int s = r.nextInt(20);
            b.state(s == 0 ? NodeState.CORDONED : s == 1 ? NodeState.NOT_READY : NodeState.READY);
        }
        return b.build();
    }

    static Workload workload(Random r, String name, String project, boolean priorities) {
        Workload.Builder b = Workload.builder(name).project(project)
                .type(r.nextInt(4) == 0 ? WorkloadType.JOB : WorkloadType.DEPLOYMENT)
                .replicas(r.nextInt(7));
        long cpu = pick(r, new Long[] {100L, 250L, 500L, 1000L, 2000L});
        long mem = pick(r, new Long[] {64L, 256L, 1024L, 2048L});
        int gpus = r.nextInt(8) == 0 ? 1 : 0;
        String model = gpus > 0 && r.nextBoolean() ? pick(r, GPU_MODELS) : null;
        b.resources(new Resources(cpu, mem, gpus, model));
        if (priorities) {
            b.priority(pick(r, new Integer[] {Priorities.LOW, Priorities.DEFAULT, 5, Priorities.HIGH}));
            b.preemptible(r.nextInt(5) != 0);
        }
        if (r.nextInt(5) == 0) {
            b.nodeSelector("tier", pick(r, new String[] {"a", "b", "c"}));
        }
        if (r.nextInt(6) == 0) {
            b.required(MatchExpression.notIn("tier", "c"), MatchExpression.gt("cores", r.nextInt(40)));
            b.required(MatchExpression.doesNotExist("cores"));
        }
        if (r.nextInt(4) == 0) {
            b.preferred(1 + r.nextInt(100), MatchExpression.in("tier", pick(r, new String[] {"a", "b"})));
        }
        if (r.nextInt(4) == 0) {
            b.antiAffinity(pick(r, new TopologyKey[] {TopologyKey.HOSTNAME, TopologyKey.HOSTNAME, TopologyKey.ZONE,
                TopologyKey.SITE}));
        }
        if (r.nextInt(4) == 0) {
            b.spread(r.nextBoolean() ? TopologyKey.ZONE : TopologyKey.SITE, 1 + r.nextInt(2));
        }
        if (r.nextInt(3) == 0) {
            b.toleration(r.nextBoolean() ? Toleration.exists("dedicated", null)
                    : Toleration.equal("dedicated", "x", TaintEffect.NO_SCHEDULE));
        }
        if (r.nextInt(4) == 0) {
            b.toleration(Toleration.exists("spot", TaintEffect.PREFER_NO_SCHEDULE));
        }
        b.gang(r.nextInt(6) == 0);
        b.dataSourceSite("s" + r.nextInt(3));
        if (r.nextInt(3) == 0) {
            b.strategy(pick(r, ScoringStrategy.values()));
        }
        return b.build();
    }

    static LatencyMatrix latency(Random r, int sites) {
        LatencyMatrix.Builder b = LatencyMatrix.builder();
        for (int i = 0; i < sites; i++) {
            for (int j = i + 1; j < sites; j++) {
                if (r.nextInt(4) != 0) {
                    b.rtt("s" + i, "s" + j, 1 + r.nextInt(80));
                }
            }
        }
        return b.build();
    }

    static List<Node> nodes(Random r, int count, int zones, int sites, boolean allowUnready) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(node(r, "n" + i, zones, sites, allowUnready));
        }
        return out;
    }
}
