package ai.lepton.bench.sched;

import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.Taint;
import ai.lepton.compute.scheduler.TaintEffect;
import ai.lepton.compute.scheduler.TopologySpread;
import ai.lepton.compute.scheduler.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The naive baseline: for each replica, scan the nodes in registration order and take the first that is ready, fits
 * the request, tolerates the node's taints and keeps the workload's anti-affinity and zone spread; no scoring, no
 * explanation, no preemption, no queue (a replica that fits nowhere stays pending and is never retried).
 */
public final class FirstFit {

    private final List<Node> nodes;
    private final long[] freeCpu;
    private final long[] freeMem;
    private final int[] freeGpu;
    private final Map<String, Placed> workloads = new HashMap<>();
    public long placements;

    private static final class Placed {
        final Workload w;
        final List<Integer> nodes = new ArrayList<>();
        int pending;

        Placed(Workload w) {
            this.w = w;
        }
    }

    public FirstFit(List<Node> nodes) {
        this.nodes = nodes;
        int n = nodes.size();
        freeCpu = new long[n];
        freeMem = new long[n];
        freeGpu = new int[n];
        for (int i = 0; i < n; i++) {
            freeCpu[i] = nodes.get(i).allocatable().cpuMillis();
            freeMem[i] = nodes.get(i).allocatable().memoryMiB();
            freeGpu[i] = nodes.get(i).allocatable().gpus();
        }
    }

    public void submit(Workload w) {
        Placed p = new Placed(w);
        workloads.put(w.name(), p);
        Map<String, Integer> zoneCount = new HashMap<>();
        Set<String> eligibleZones = new HashSet<>();
        boolean spread = !w.topologySpread().isEmpty();
        if (spread) {
            for (Node n : nodes) {
                if (n.state().schedulable() && tolerated(w, n)) {
                    eligibleZones.add(n.zone());
                }
            }
        }
        for (int k = 0; k < w.replicas(); k++) {
            int chosen = -1;
            for (int i = 0; i < nodes.size() && chosen < 0; i++) {
                Node n = nodes.get(i);
                if (!n.state().schedulable() || freeCpu[i] < w.resources().cpuMillis()
                        || freeMem[i] < w.resources().memoryMiB() || freeGpu[i] < w.resources().gpus()
                        || !tolerated(w, n)) {
                    continue;
                }
                if (w.resources().gpuModel() != null && !w.resources().gpuModel().equals(n.capacity().gpuModel())) {
                    continue;
                }
                if (w.antiAffinity() != null && p.nodes.contains(i)) {
                    continue;
                }
                if (spread) {
                    TopologySpread t = w.topologySpread().get(0);
                    int min = Integer.MAX_VALUE;
                    for (String z : eligibleZones) {
                        min = Math.min(min, zoneCount.getOrDefault(z, 0));
                    }
                    if (zoneCount.getOrDefault(n.zone(), 0) + 1 - min > t.maxSkew()) {
                        continue;
                    }
                }
                chosen = i;
            }
            if (chosen < 0) {
                p.pending++;
                continue;
            }
            freeCpu[chosen] -= w.resources().cpuMillis();
            freeMem[chosen] -= w.resources().memoryMiB();
            freeGpu[chosen] -= w.resources().gpus();
            p.nodes.add(chosen);
            zoneCount.merge(nodes.get(chosen).zone(), 1, Integer::sum);
            placements++;
        }
    }

    public void delete(String name) {
        Placed p = workloads.remove(name);
        for (int i : p.nodes) {
            freeCpu[i] += p.w.resources().cpuMillis();
            freeMem[i] += p.w.resources().memoryMiB();
            freeGpu[i] += p.w.resources().gpus();
        }
    }

    private static boolean tolerated(Workload w, Node n) {
        for (Taint t : n.taints()) {
            if (t.effect() != TaintEffect.PREFER_NO_SCHEDULE
                    && w.tolerations().stream().noneMatch(x -> x.tolerates(t))) {
                return false;
            }
        }
        return true;
    }

    public int pending() {
        return workloads.values().stream().mapToInt(p -> p.pending).sum();
    }

    /** {used cpu, allocatable cpu, used memory, allocatable memory, free cpu, stranded free cpu}. */
    public double[] usage(long refCpu, long refMem) {
        double[] u = new double[6];
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            u[0] += n.allocatable().cpuMillis() - freeCpu[i];
            u[1] += n.allocatable().cpuMillis();
            u[2] += n.allocatable().memoryMiB() - freeMem[i];
            u[3] += n.allocatable().memoryMiB();
            u[4] += freeCpu[i];
            if (freeCpu[i] < refCpu || freeMem[i] < refMem) {
                u[5] += freeCpu[i];
            }
        }
        return u;
    }
}
