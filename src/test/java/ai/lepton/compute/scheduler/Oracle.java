package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * A deliberately naive re-implementation of the documented filters and scores, written from the Javadoc rather than
 * from the scheduler's code: plain loops over node records, no arrays, no caches, no indexes. The property tests
 * replay the scheduler's decisions against it.
 */
final class Oracle {

    final List<Node> nodes;
    final long[] usedCpu;
    final long[] usedMem;
    final long[] usedGpu;
    final int[] count;
    final SchedulerConfig cfg;
    final Set<String> allSites;
    /** The workload's own replica count per domain value, by key. */
    final Map<TopologyKey, Map<String, Integer>> own = new HashMap<>();

    Oracle(List<NodeStatus> status, SchedulerConfig cfg, Set<String> allSites) {
        this.cfg = cfg;
        this.allSites = allSites;
        nodes = status.stream().map(NodeStatus::node).toList();
        int n = nodes.size();
        usedCpu = new long[n];
        usedMem = new long[n];
        usedGpu = new long[n];
        count = new int[n];
        for (int i = 0; i < n; i++) {
            usedCpu[i] = status.get(i).allocated().cpuMillis();
            usedMem[i] = status.get(i).allocated().memoryMiB();
            usedGpu[i] = status.get(i).allocated().gpus();
            count[i] = status.get(i).replicas();
        }
        for (TopologyKey k : TopologyKey.values()) {
            own.put(k, new HashMap<>());
        }
    }

    static String domain(Node n, TopologyKey k) {
        return switch (k) {
            case HOSTNAME -> n.name();
            case ZONE -> n.zone();
            case SITE -> n.site();
            case REGION -> n.region();
        };
    }

    boolean staticOk(Workload w, Node n) {
        return staticReason(w, n) == null;
    }

    String staticReason(Workload w, Node n) {
        if (n.state() != NodeState.READY) {
            return "node(s) unschedulable";
        }
        Map<String, String> l = n.effectiveLabels();
        boolean sel = w.nodeSelector().entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())));
        if (!w.requiredAffinity().isEmpty()) {
            sel &= w.requiredAffinity().stream().anyMatch(t -> t.matches(l));
        }
        if (w.resources().gpuModel() != null) {
            sel &= w.resources().gpuModel().equals(l.get(Node.LABEL_GPU_MODEL));
        }
        if (!sel) {
            return "node(s) didn't match node selector";
        }
        for (Taint t : n.taints()) {
            if (t.effect() != TaintEffect.PREFER_NO_SCHEDULE
                    && w.tolerations().stream().noneMatch(x -> x.tolerates(t))) {
                return "untolerated taint";
            }
        }
        return null;
    }

    /** First failing filter, or null if feasible. */
    String reason(Workload w, int i) {
        Node n = nodes.get(i);
        String s = staticReason(w, n);
        if (s != null) {
            return s;
        }
        Resources a = n.allocatable();
        Resources q = w.resources();
        if (usedCpu[i] + q.cpuMillis() > a.cpuMillis()) {
            return "insufficient cpu";
        }
        if (usedMem[i] + q.memoryMiB() > a.memoryMiB()) {
            return "insufficient memory";
        }
        if (usedGpu[i] + q.gpus() > a.gpus()) {
            return "insufficient gpus";
        }
        for (TopologySpread t : w.topologySpread()) {
            int min = Integer.MAX_VALUE;
            for (Node m : nodes) {
                if (staticOk(w, m)) {
                    min = Math.min(min, own.get(t.key()).getOrDefault(domain(m, t.key()), 0));
                }
            }
            if (own.get(t.key()).getOrDefault(domain(n, t.key()), 0) + 1 - min > t.maxSkew()) {
                return "didn't match topology spread constraints";
            }
        }
        if (w.antiAffinity() != null && own.get(w.antiAffinity()).getOrDefault(domain(n, w.antiAffinity()), 0) > 0) {
            return "didn't match pod anti-affinity rules";
        }
        return null;
    }

    Map<String, Integer> reasonCounts(Workload w) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String r = reason(w, i);
            if (r != null) {
                m.merge(r, 1, Integer::sum);
            }
        }
        return m;
    }

    List<Integer> feasible(Workload w) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (reason(w, i) == null) {
                out.add(i);
            }
        }
        return out;
    }

    double binpack(Workload w, int i) {
        Resources a = nodes.get(i).allocatable();
        Resources q = w.resources();
        double c = (double) (usedCpu[i] + q.cpuMillis()) / a.cpuMillis();
        double m = (double) (usedMem[i] + q.memoryMiB()) / a.memoryMiB();
        if (a.gpus() > 0) {
            double g = (double) (usedGpu[i] + q.gpus()) / a.gpus();
            return 100 * (c + m + g) / 3;
        }
        return 100 * (c + m) / 2;
    }

    double costOf(Workload w, int i) {
        Resources a = nodes.get(i).allocatable();
        Resources q = w.resources();
        double share = Math.max((double) q.cpuMillis() / a.cpuMillis(), (double) q.memoryMiB() / a.memoryMiB());
        if (a.gpus() > 0) {
            share = Math.max(share, (double) q.gpus() / a.gpus());
        }
        return nodes.get(i).costPerHour() * share;
    }

    double strategyScore(Workload w, int i) {
        ScoringStrategy s = w.strategy() != null ? w.strategy() : cfg.strategy();
        Node n = nodes.get(i);
        switch (s) {
            case BINPACK:
                return binpack(w, i);
            case SPREAD:
                return 100 - binpack(w, i);
            case COST: {
                double worst = 0;
                for (int j = 0; j < nodes.size(); j++) {
                    if (staticOk(w, nodes.get(j))) {
                        worst = Math.max(worst, costOf(w, j));
                    }
                }
                return worst > 0 ? 100 * (1 - costOf(w, i) / worst) : 100;
            }
            case ENERGY: {
                Resources a = n.allocatable();
                Resources q = w.resources();
                double cpu = (double) usedCpu[i] / a.cpuMillis();
                double gpu = a.gpus() > 0 ? (double) usedGpu[i] / a.gpus() : 0;
                double cpu2 = cpu + (double) q.cpuMillis() / a.cpuMillis();
                double gpu2 = a.gpus() > 0 ? gpu + (double) q.gpus() / a.gpus() : 0;
                double dyn = n.power().maxWatts() - n.power().idleWatts();
                double marginal = dyn * (Math.min(1, Math.max(cpu2, gpu2)) - Math.min(1, Math.max(cpu, gpu)))
                        + (count[i] == 0 ? n.power().idleWatts() : 0);
                double maxW = nodes.stream().mapToDouble(x -> x.power().maxWatts()).max().orElse(0);
                return 0.9 * (maxW > 0 ? 100 * (1 - marginal / maxW) : 100) + 0.1 * binpack(w, i);
            }
            default: {
                if (w.dataSourceSite() == null) {
                    return 100;
                }
                double worst = 0;
                for (String site : allSites) {
                    OptionalDouble r = cfg.latency().rttMillis(w.dataSourceSite(), site);
                    if (r.isPresent()) {
                        worst = Math.max(worst, r.getAsDouble());
                    }
                }
                OptionalDouble r = cfg.latency().rttMillis(w.dataSourceSite(), n.site());
                if (r.isEmpty()) {
                    return 0;
                }
                return worst > 0 ? 100 * (1 - r.getAsDouble() / worst) : 100;
            }
        }
    }

    int prefRaw(Workload w, Node n) {
        Map<String, String> l = n.effectiveLabels();
        return w.preferredAffinity().stream().filter(p -> p.preference().matches(l)).mapToInt(PreferredTerm::weight)
                .sum();
    }

    int softRaw(Workload w, Node n) {
        int k = 0;
        for (Taint t : n.taints()) {
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE
                    && w.tolerations().stream().noneMatch(x -> x.tolerates(t))) {
                k++;
            }
        }
        return k;
    }

    double total(Workload w, int i) {
        double v = cfg.strategyWeight() * strategyScore(w, i);
        Node n = nodes.get(i);
        if (!w.preferredAffinity().isEmpty()) {
            int max = 0;
            for (Node m : nodes) {
                if (staticOk(w, m)) {
                    max = Math.max(max, prefRaw(w, m));
                }
            }
            v += cfg.preferredAffinityWeight() * (max > 0 ? 100.0 * prefRaw(w, n) / max : 0);
        }
        boolean anySoft = nodes.stream().anyMatch(m -> m.taints().stream()
                .anyMatch(t -> t.effect() == TaintEffect.PREFER_NO_SCHEDULE));
        if (anySoft) {
            int max = 0;
            for (Node m : nodes) {
                if (staticOk(w, m)) {
                    max = Math.max(max, softRaw(w, m));
                }
            }
            v += cfg.preferNoScheduleWeight() * (max > 0 ? 100.0 * (max - softRaw(w, n)) / max : 100);
        }
        return v;
    }

    void bind(Workload w, int i) {
        Resources q = w.resources();
        usedCpu[i] += q.cpuMillis();
        usedMem[i] += q.memoryMiB();
        usedGpu[i] += q.gpus();
        count[i]++;
        for (TopologyKey k : TopologyKey.values()) {
            own.get(k).merge(domain(nodes.get(i), k), 1, Integer::sum);
        }
    }

    int indexOf(String name) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static Set<String> sites(List<Node> nodes) {
        Set<String> s = new HashSet<>();
        nodes.forEach(n -> s.add(n.site()));
        return s;
    }
}
