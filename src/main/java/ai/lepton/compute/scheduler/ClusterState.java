package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The in-memory cluster the {@link Scheduler} mutates: nodes, workloads, replicas and their bindings, quotas.
 *
 * <p>Read it through the public methods; only the scheduler changes it. Nodes live in slots of parallel primitive
 * arrays (allocatable, allocated, inverse allocatable, topology ids, taint ids) so filters and scores read a few
 * cache lines per node and allocate nothing; a removed node's slot is reused by the next one registered. Label
 * lookups go through an index of bit sets, and each workload keeps its own replica counts per zone, site and region
 * (and a bit set of nodes for hostname anti-affinity), updated on every bind and unbind, so spread and anti-affinity
 * checks are array reads.
 *
 * <p>Not thread-safe: one thread (the service's scheduling loop) uses a scheduler and its state at a time.
 */
public final class ClusterState {

    /** Shared by every node without taints of a kind, so the filter's length check stays in one cache line. */
    private static final int[] NO_TAINTS = new int[0];

    // ---- node slots (parallel arrays)
    int hw;
    Node[] node = new Node[16];
    Map<String, String>[] labelsOf = newLabelArray(16);
    boolean[] live = new boolean[16];
    long[] allocCpu = new long[16];
    long[] allocMem = new long[16];
    int[] allocGpu = new int[16];
    long[] usedCpu = new long[16];
    long[] usedMem = new long[16];
    int[] usedGpu = new int[16];
    double[] invCpu = new double[16];
    double[] invMem = new double[16];
    double[] invGpu = new double[16];
    int[] count = new int[16];
    int[] zone = new int[16];
    int[] site = new int[16];
    int[] region = new int[16];
    int[][] hardTaints = new int[16][];
    int[][] softTaints = new int[16][];
    double[] cost = new double[16];
    double[] idleW = new double[16];
    double[] dynW = new double[16];
    ReplicaList[] onNode = new ReplicaList[16];
    /** Schedulable live slots in no particular order, with each slot's position for O(1) removal. */
    int[] sched = new int[16];
    int[] schedPos = new int[16];
    int schedCount;
    int liveCount;
    int[] freeSlots = new int[16];
    int freeCount;
    final Map<String, Integer> slotOf = new HashMap<>();
    final LabelIndex labels = new LabelIndex();
    final Interner<String> zones = new Interner<>();
    final Interner<String> sites = new Interner<>();
    final Interner<String> regions = new Interner<>();
    final Interner<Taint> taints = new Interner<>();
    /** Live nodes with PreferNoSchedule taints; the taint score plugin is skipped when there are none. */
    int softTaintedNodes;
    /** Largest maxWatts of any live node: the energy score's scale. */
    double maxWatts;

    /** Bumped by every bind and unbind; lets a scheduling cycle tell whether its cached scores are still valid. */
    long version;
    /** Bumped by every node change; invalidates a cycle's static filter results. */
    long nodeVersion;

    // ---- workloads and quotas
    final LinkedHashMap<String, WorkloadEntry> workloads = new LinkedHashMap<>();
    long nextSeq;
    final Map<String, Quota> quotas = new HashMap<>();
    final Map<String, long[]> usage = new HashMap<>();

    /** Records binds and unbinds while a gang is being placed, so a failed gang leaves no trace. */
    List<Object[]> undo;
    /** Workloads with a bound replica that may be preempted, counted by priority: preemption's cheap exit. */
    final TreeMap<Integer, Integer> preemptibleByPriority = new TreeMap<>();

    ClusterState() {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String>[] newLabelArray(int n) {
        return (Map<String, String>[]) new Map[n];
    }

    // ------------------------------------------------------------------ public reads

    /** Number of registered nodes. */
    public int nodeCount() {
        return liveCount;
    }

    /** Number of nodes that accept new replicas. */
    public int schedulableNodeCount() {
        return schedCount;
    }

    /** A node with what is bound to it. */
    public Optional<NodeStatus> node(String name) {
        Integer n = slotOf.get(name);
        return n == null ? Optional.empty() : Optional.of(status(n));
    }

    /** Every node, in internal order. */
    public List<NodeStatus> nodes() {
        List<NodeStatus> out = new ArrayList<>(liveCount);
        for (int n = 0; n < hw; n++) {
            if (live[n]) {
                out.add(status(n));
            }
        }
        return out;
    }

    /** The replicas bound to a node (empty for an unknown node). */
    public List<Binding> bindingsOn(String nodeName) {
        Integer n = slotOf.get(nodeName);
        if (n == null) {
            return List.of();
        }
        List<Binding> out = new ArrayList<>();
        ReplicaList l = onNode[n];
        for (int i = 0; i < l.size; i++) {
            Replica r = l.items[i];
            out.add(new Binding(r.w.spec.name(), r.id, nodeName));
        }
        return out;
    }

    /** A workload with its bindings and pending replicas. */
    public Optional<WorkloadStatus> workload(String name) {
        WorkloadEntry w = workloads.get(name);
        return w == null ? Optional.empty() : Optional.of(status(w));
    }

    /** Every workload, in submission order. */
    public List<WorkloadStatus> workloads() {
        List<WorkloadStatus> out = new ArrayList<>(workloads.size());
        workloads.values().forEach(w -> out.add(status(w)));
        return out;
    }

    /** Every binding, for persistence (see {@link Scheduler#restore}). */
    public List<Binding> bindings() {
        List<Binding> out = new ArrayList<>();
        for (WorkloadEntry w : workloads.values()) {
            for (Replica r : w.replicas) {
                if (r.node >= 0) {
                    out.add(new Binding(w.spec.name(), r.id, node[r.node].name()));
                }
            }
        }
        return out;
    }

    /** Every admitted replica without a node that has not ended, with its last reason. */
    public List<PendingReplica> pending() {
        List<PendingReplica> out = new ArrayList<>();
        for (WorkloadEntry w : workloads.values()) {
            for (Replica r : w.replicas) {
                if (r.node < 0 && r.active()) {
                    out.add(r.pending());
                }
            }
        }
        return out;
    }

    /** Quotas by project. */
    public Map<String, Quota> quotas() {
        return Map.copyOf(quotas);
    }

    /** What a project's admitted replicas request together. */
    public Resources quotaUsage(String project) {
        long[] u = usage.get(project);
        return u == null ? Resources.ZERO : new Resources(u[0], u[1], (int) u[2], null);
    }

    /** Allocatable resources of all nodes together (GPU model not set). */
    public Resources totalAllocatable() {
        long c = 0;
        long m = 0;
        long g = 0;
        for (int n = 0; n < hw; n++) {
            if (live[n]) {
                c += allocCpu[n];
                m += allocMem[n];
                g += allocGpu[n];
            }
        }
        return new Resources(c, m, (int) g, null);
    }

    /** Allocated resources of all nodes together. */
    public Resources totalAllocated() {
        long c = 0;
        long m = 0;
        long g = 0;
        for (int n = 0; n < hw; n++) {
            if (live[n]) {
                c += usedCpu[n];
                m += usedMem[n];
                g += usedGpu[n];
            }
        }
        return new Resources(c, m, (int) g, null);
    }

    NodeStatus status(int n) {
        String model = node[n].allocatable().gpuModel();
        return new NodeStatus(node[n], new Resources(usedCpu[n], usedMem[n], usedGpu[n], model),
                new Resources(allocCpu[n] - usedCpu[n], allocMem[n] - usedMem[n], allocGpu[n] - usedGpu[n], model),
                count[n]);
    }

    WorkloadStatus status(WorkloadEntry w) {
        List<Binding> b = new ArrayList<>();
        List<PendingReplica> p = new ArrayList<>();
        List<EndedReplica> ended = new ArrayList<>();
        for (Replica r : w.replicas) {
            if (r.node >= 0) {
                b.add(new Binding(w.spec.name(), r.id, node[r.node].name()));
            } else if (r.active()) {
                p.add(r.pending());
            } else {
                ended.add(new EndedReplica(r.id, r.outcome));
            }
        }
        return new WorkloadStatus(w.spec, w.admitted, b, p, w.job == null ? null
                : new JobProgress(w.job, w.retries, ended));
    }

    // ------------------------------------------------------------------ nodes

    int slot(String name) {
        Integer n = slotOf.get(name);
        if (n == null) {
            throw new IllegalArgumentException("no such node: " + name);
        }
        return n;
    }

    int addNode(Node spec) {
        int n;
        if (freeCount > 0) {
            n = freeSlots[--freeCount];
        } else {
            n = hw++;
            ensureSlots(hw);
        }
        live[n] = true;
        liveCount++;
        slotOf.put(spec.name(), n);
        onNode[n] = new ReplicaList();
        count[n] = 0;
        usedCpu[n] = 0;
        usedMem[n] = 0;
        usedGpu[n] = 0;
        writeSpec(n, spec);
        nodeVersion++;
        return n;
    }

    /** Replaces a node's spec; the caller has already made the bound replicas fit and moved topology counts. */
    void replaceSpec(int n, Node spec) {
        labels.remove(n, labelsOf[n]);
        if (softTaints[n].length > 0) {
            softTaintedNodes--;
        }
        if (node[n].state().schedulable()) {
            unschedule(n);
        }
        writeSpec(n, spec);
        recomputeMaxWatts();
        nodeVersion++;
    }

    void removeNode(int n) {
        if (count[n] != 0) {
            throw new IllegalStateException("node still has replicas");
        }
        labels.remove(n, labelsOf[n]);
        if (softTaints[n].length > 0) {
            softTaintedNodes--;
        }
        if (node[n].state().schedulable()) {
            unschedule(n);
        }
        slotOf.remove(node[n].name());
        live[n] = false;
        liveCount--;
        node[n] = null;
        labelsOf[n] = null;
        onNode[n] = null;
        allocCpu[n] = 0;
        allocMem[n] = 0;
        allocGpu[n] = 0;
        if (freeCount == freeSlots.length) {
            freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
        }
        freeSlots[freeCount++] = n;
        recomputeMaxWatts();
        nodeVersion++;
    }

    void setState(int n, NodeState state) {
        Node old = node[n];
        if (old.state() == state) {
            return;
        }
        if (old.state().schedulable()) {
            unschedule(n);
        }
        node[n] = old.withState(state);
        if (state.schedulable()) {
            schedule(n);
        }
        nodeVersion++;
    }

    private void writeSpec(int n, Node spec) {
        node[n] = spec;
        Resources a = spec.allocatable();
        allocCpu[n] = a.cpuMillis();
        allocMem[n] = a.memoryMiB();
        allocGpu[n] = a.gpus();
        invCpu[n] = a.cpuMillis() > 0 ? 1.0 / a.cpuMillis() : 0;
        invMem[n] = a.memoryMiB() > 0 ? 1.0 / a.memoryMiB() : 0;
        invGpu[n] = a.gpus() > 0 ? 1.0 / a.gpus() : 0;
        zone[n] = zones.id(spec.zone());
        site[n] = sites.id(spec.site());
        region[n] = regions.id(spec.region());
        int hard = 0;
        int soft = 0;
        for (Taint t : spec.taints()) {
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE) {
                soft++;
            } else {
                hard++;
            }
        }
        int[] h = hard == 0 ? NO_TAINTS : new int[hard];
        int[] s = soft == 0 ? NO_TAINTS : new int[soft];
        hard = 0;
        soft = 0;
        for (Taint t : spec.taints()) {
            if (t.effect() == TaintEffect.PREFER_NO_SCHEDULE) {
                s[soft++] = taints.id(t);
            } else {
                h[hard++] = taints.id(t);
            }
        }
        hardTaints[n] = h;
        softTaints[n] = s;
        if (s.length > 0) {
            softTaintedNodes++;
        }
        cost[n] = spec.costPerHour();
        idleW[n] = spec.power().idleWatts();
        dynW[n] = spec.power().maxWatts() - spec.power().idleWatts();
        maxWatts = Math.max(maxWatts, spec.power().maxWatts());
        labelsOf[n] = spec.effectiveLabels();
        labels.add(n, labelsOf[n]);
        if (spec.state().schedulable()) {
            schedule(n);
        }
    }

    private void recomputeMaxWatts() {
        double m = 0;
        for (int i = 0; i < hw; i++) {
            if (live[i]) {
                m = Math.max(m, node[i].power().maxWatts());
            }
        }
        maxWatts = m;
    }

    private void schedule(int n) {
        schedPos[n] = schedCount;
        sched[schedCount++] = n;
    }

    private void unschedule(int n) {
        int p = schedPos[n];
        int last = sched[--schedCount];
        sched[p] = last;
        schedPos[last] = p;
        schedPos[n] = -1;
    }

    private void ensureSlots(int size) {
        if (size <= node.length) {
            return;
        }
        int c = Math.max(size, node.length * 2);
        node = Arrays.copyOf(node, c);
        labelsOf = Arrays.copyOf(labelsOf, c);
        live = Arrays.copyOf(live, c);
        allocCpu = Arrays.copyOf(allocCpu, c);
        allocMem = Arrays.copyOf(allocMem, c);
        allocGpu = Arrays.copyOf(allocGpu, c);
        usedCpu = Arrays.copyOf(usedCpu, c);
        usedMem = Arrays.copyOf(usedMem, c);
        usedGpu = Arrays.copyOf(usedGpu, c);
        invCpu = Arrays.copyOf(invCpu, c);
        invMem = Arrays.copyOf(invMem, c);
        invGpu = Arrays.copyOf(invGpu, c);
        count = Arrays.copyOf(count, c);
        zone = Arrays.copyOf(zone, c);
        site = Arrays.copyOf(site, c);
        region = Arrays.copyOf(region, c);
        hardTaints = Arrays.copyOf(hardTaints, c);
        softTaints = Arrays.copyOf(softTaints, c);
        cost = Arrays.copyOf(cost, c);
        idleW = Arrays.copyOf(idleW, c);
        dynW = Arrays.copyOf(dynW, c);
        onNode = Arrays.copyOf(onNode, c);
        sched = Arrays.copyOf(sched, c);
        schedPos = Arrays.copyOf(schedPos, c);
    }

    /** The domain id of slot {@code n} for a topology key ordinal. */
    int domain(int key, int n) {
        return switch (key) {
            case 0 -> n;
            case 1 -> zone[n];
            case 2 -> site[n];
            default -> region[n];
        };
    }

    /** Slot → domain id for a topology key ordinal other than hostname. */
    int[] domainArray(int key) {
        return switch (key) {
            case 1 -> zone;
            case 2 -> site;
            case 3 -> region;
            default -> throw new IllegalArgumentException("hostname has no domain array");
        };
    }

    int domainCount(int key) {
        return switch (key) {
            case 0 -> hw;
            case 1 -> zones.size();
            case 2 -> sites.size();
            default -> regions.size();
        };
    }

    // ------------------------------------------------------------------ bindings

    boolean fits(int n, Resources req) {
        return usedCpu[n] + req.cpuMillis() <= allocCpu[n] && usedMem[n] + req.memoryMiB() <= allocMem[n]
                && usedGpu[n] + req.gpus() <= allocGpu[n];
    }

    void bind(Replica r, int n) {
        Resources q = r.w.spec.resources();
        usedCpu[n] += q.cpuMillis();
        usedMem[n] += q.memoryMiB();
        usedGpu[n] += q.gpus();
        count[n]++;
        onNode[n].add(r);
        r.node = n;
        if (r.w.placed++ == 0 && r.w.spec.preemptible()) {
            preemptibleByPriority.merge(r.w.spec.priority(), 1, Integer::sum);
        }
        topology(r.w, n, 1);
        version++;
        if (undo != null) {
            undo.add(new Object[] {r, -1, n});
        }
    }

    void unbind(Replica r) {
        int n = r.node;
        Resources q = r.w.spec.resources();
        usedCpu[n] -= q.cpuMillis();
        usedMem[n] -= q.memoryMiB();
        usedGpu[n] -= q.gpus();
        count[n]--;
        onNode[n].remove(r);
        r.node = -1;
        if (--r.w.placed == 0 && r.w.spec.preemptible()) {
            preemptibleByPriority.merge(r.w.spec.priority(), -1, (a, b) -> a + b == 0 ? null : a + b);
        }
        topology(r.w, n, -1);
        version++;
        if (undo != null) {
            undo.add(new Object[] {r, n, -1});
        }
    }

    /** Adds {@code delta} to the workload's replica counts in the domains of slot {@code n}. */
    void topology(WorkloadEntry w, int n, int delta) {
        if (w.hosts != null) {
            w.hosts.set(n, delta > 0);
        }
        for (int k = 1; k < w.domainCounts.length; k++) {
            if (w.domainCounts[k] != null) {
                w.addCount(k, domain(k, n), delta);
            }
        }
    }

    /** Undoes every bind and unbind recorded since {@code undo} was started, newest first, and stops recording. */
    void rollback() {
        List<Object[]> log = undo;
        undo = null;
        for (int i = log.size() - 1; i >= 0; i--) {
            Object[] e = log.get(i);
            Replica r = (Replica) e[0];
            int from = (Integer) e[1];
            if (from < 0) {
                unbind(r);
            } else {
                bind(r, from);
            }
        }
    }

    // ------------------------------------------------------------------ quota

    void addUsage(String project, Resources per, int replicas) {
        long[] u = usage.computeIfAbsent(project, p -> new long[3]);
        u[0] += per.cpuMillis() * replicas;
        u[1] += per.memoryMiB() * replicas;
        u[2] += (long) per.gpus() * replicas;
    }

    /** Null if {@code replicas} more replicas of {@code per} fit the project's quota, else why not. */
    String quotaShortfall(String project, Resources per, int replicas) {
        Quota q = quotas.get(project);
        if (q == null) {
            return null;
        }
        long[] u = usage.getOrDefault(project, new long[3]);
        Resources lim = q.limit();
        List<String> over = new ArrayList<>();
        long c = u[0] + per.cpuMillis() * replicas;
        long m = u[1] + per.memoryMiB() * replicas;
        long g = u[2] + (long) per.gpus() * replicas;
        if (c > lim.cpuMillis()) {
            over.add("cpu " + c + "m > " + lim.cpuMillis() + "m");
        }
        if (m > lim.memoryMiB()) {
            over.add("memory " + m + "Mi > " + lim.memoryMiB() + "Mi");
        }
        if (g > lim.gpus()) {
            over.add("gpus " + g + " > " + lim.gpus());
        }
        return over.isEmpty() ? null : "exceeded quota of project " + project + ": " + String.join(", ", over);
    }
}
