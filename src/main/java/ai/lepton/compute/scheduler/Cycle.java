package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One workload's scheduling cycle, the scheduling framework's extension points in order:
 * <ol>
 *   <li>PreFilter / PreScore, once per workload ({@link #ensureStatic()}): selector and affinity bit set, taint
 *       tolerations, preferred-affinity masks, latency per site, spread domains; then the static filters
 *       ({@link NodeUnschedulable}, {@link NodeAffinityFilter}, {@link TaintTolerationFilter}) over the schedulable
 *       nodes, giving the static candidates, and the static scores (preferred affinity, PreferNoSchedule).</li>
 *   <li>Filter and Score, per replica ({@link #fullPass()} and {@link #select()}): {@link NodeResourcesFit} with the
 *       strategy score fused in the same loop, then {@link PodTopologySpreadFilter} and {@link PodAntiAffinityFilter}
 *       while the best {@code k} nodes are picked.</li>
 *   <li>Reserve: the caller binds the replica, then {@link #afterBind()} re-checks and re-scores only the chosen node.
 *       Every built-in score depends on its own node alone, and binding a replica changes only that node and the
 *       workload's own topology counts (which the selection reads directly), so the next replica of the same
 *       workload reuses the other nodes' results: exactly what a full pass would compute, in one scan of doubles.
 *       Any other change to the cluster (an eviction, a rollback) bumps {@link ClusterState#version} and forces a
 *       full pass.</li>
 *   <li>PostFilter ({@link #preempt(List)}): when no node fits, which lower-priority replicas to evict, and where.</li>
 * </ol>
 * Every node is evaluated (no sampling). The buffers are reused, so a cycle allocates only for its explanation.
 */
final class Cycle {

    /** Filters in the order they run; a rejected node is counted under the first that rejects it. */
    static final List<FilterPlugin> FILTERS = List.of(NodeUnschedulable.INSTANCE, NodeAffinityFilter.INSTANCE,
            TaintTolerationFilter.INSTANCE, NodeResourcesFit.INSTANCE, PodTopologySpreadFilter.INSTANCE,
            PodAntiAffinityFilter.INSTANCE);

    private static final ScorePlugin[] STRATEGY_PLUGINS = {BinPackScore.INSTANCE, SpreadScore.INSTANCE,
        CostScore.INSTANCE, EnergyScore.INSTANCE, LatencyScore.INSTANCE};

    final ClusterState s;
    final SchedulerConfig cfg;
    private final int k;

    // ---- the workload
    WorkloadEntry w;
    Workload spec;
    long rc;
    long rm;
    int rg;
    private int strategy;

    // ---- PreFilter / PreScore results
    BitSet affinity;
    boolean[] tolerated;
    BitSet[] prefMasks;
    int[] prefWeights;
    int prefMax;
    private boolean prefActive;
    int softMax;
    private boolean softActive;
    double refCost;
    double[] siteScore;
    int nSpread;
    int[] spreadKey = new int[3];
    int[] spreadSkew = new int[3];
    int[] spreadMin = new int[3];
    int[][] spreadDomains = new int[3][];
    int[] spreadDomainCount = new int[3];
    int antiKey = -1;
    private boolean[][] spreadOk = new boolean[3][];
    private int[][] spreadDomainOf = new int[3][];
    private boolean[] antiBlocked = new boolean[16];

    // ---- static candidates
    private int[] stat = new int[16];
    private int statN;
    private double[] staticScore = new double[16];
    private boolean staticActive;
    /** The static candidates are computed by {@link #fusedPass()} together with the per-replica work. */
    private boolean fused;
    final int[] fails = new int[Reason.values().length];
    private WorkloadEntry staticFor;
    private Workload staticSpec;
    private long staticNodeVersion = -1;

    // ---- per replica
    private int[] res = new int[16];
    private double[] score = new double[16];
    private int resN;
    private WorkloadEntry cacheFor;
    private long cacheVersion = -1;
    private final int[] topNode;
    private final double[] topScore;
    private final int[] topPos;
    private int topCount;
    private int feasible;

    Cycle(ClusterState s, SchedulerConfig cfg) {
        this.s = s;
        this.cfg = cfg;
        this.k = cfg.explainTopK();
        topNode = new int[k];
        topScore = new double[k];
        topPos = new int[k];
    }

    /** Starts (or continues) the cycle for workload {@code e}. */
    void begin(WorkloadEntry e) {
        if (e != w) {
            w = e;
            cacheFor = null;
        }
        spec = e.spec;
        Resources q = spec.resources();
        rc = q.cpuMillis();
        rm = q.memoryMiB();
        rg = q.gpus();
        strategy = (spec.strategy() != null ? spec.strategy() : cfg.strategy()).ordinal();
    }

    /** Drops cached results, e.g. after the workload's spec changed. */
    void invalidate() {
        staticFor = null;
        cacheFor = null;
    }

    // ------------------------------------------------------------------ PreFilter and static filters

    void ensureStatic() {
        if (staticFor == w && staticSpec == spec && staticNodeVersion == s.nodeVersion) {
            return;
        }
        staticFor = w;
        staticSpec = spec;
        staticNodeVersion = s.nodeVersion;
        cacheFor = null;
        int cap = s.hw;
        if (stat.length < cap) {
            int c = Math.max(cap, stat.length * 2);
            stat = new int[c];
            res = new int[c];
            score = new double[c];
            staticScore = new double[c];
        }
        affinity = NodeAffinityFilter.INSTANCE.prepare(this);
        tolerated = TaintTolerationFilter.tolerated(s, spec.tolerations());
        List<PreferredTerm> pref = spec.preferredAffinity();
        prefActive = !pref.isEmpty() && cfg.preferredAffinityWeight() > 0;
        if (prefActive) {
            prefMasks = new BitSet[pref.size()];
            prefWeights = new int[pref.size()];
            for (int i = 0; i < pref.size(); i++) {
                prefMasks[i] = s.labels.match(pref.get(i).preference());
                prefWeights[i] = pref.get(i).weight();
            }
        }
        softActive = s.softTaintedNodes > 0 && cfg.preferNoScheduleWeight() > 0;
        siteScore = strategy == ScoringStrategy.LATENCY.ordinal()
                ? LatencyScore.siteScores(s, cfg.latency(), spec.dataSourceSite()) : null;

        Arrays.fill(fails, 0);
        fails[Reason.UNSCHEDULABLE.ordinal()] = s.liveCount - s.schedCount;
        antiKey = spec.antiAffinity() == null ? -1 : spec.antiAffinity().ordinal();
        nSpread = spec.topologySpread().size();
        staticActive = prefActive || softActive;
        refCost = 0;
        if (!staticActive && nSpread == 0 && antiKey < 0 && strategy != ScoringStrategy.COST.ordinal()) {
            fused = true;
            return;
        }
        fused = false;
        int sel = 0;
        int taint = 0;
        int m = 0;
        int[] sched = s.sched;
        for (int i = 0; i < s.schedCount; i++) {
            int n = sched[i];
            if (affinity != null && !affinity.get(n)) {
                sel++;
            } else if (TaintTolerationFilter.INSTANCE.check(this, n) != null) {
                taint++;
            } else {
                stat[m++] = n;
            }
        }
        statN = m;
        fails[Reason.NODE_SELECTOR.ordinal()] = sel;
        fails[Reason.UNTOLERATED_TAINT.ordinal()] = taint;

        // static scores, normalised over the static candidates
        prefMax = 0;
        softMax = 0;
        for (int i = 0; i < statN; i++) {
            int n = stat[i];
            if (prefActive) {
                prefMax = Math.max(prefMax, NodeAffinityScore.raw(this, n));
            }
            if (softActive) {
                softMax = Math.max(softMax, TaintTolerationScore.raw(this, n));
            }
        }
        if (staticActive) {
            for (int i = 0; i < statN; i++) {
                int n = stat[i];
                double v = 0;
                if (prefActive) {
                    v += cfg.preferredAffinityWeight() * NodeAffinityScore.INSTANCE.score(this, n);
                }
                if (softActive) {
                    v += cfg.preferNoScheduleWeight() * TaintTolerationScore.INSTANCE.score(this, n);
                }
                staticScore[n] = v;
            }
        }
        if (strategy == ScoringStrategy.COST.ordinal()) {
            for (int i = 0; i < statN; i++) {
                refCost = Math.max(refCost, CostScore.replicaCost(this, stat[i]));
            }
        }
        prepareTopology();
    }

    private void prepareTopology() {
        List<TopologySpread> spread = spec.topologySpread();
        nSpread = spread.size();
        if (spreadKey.length < nSpread) {
            spreadOk = new boolean[nSpread][];
            spreadDomainOf = new int[nSpread][];
            spreadKey = new int[nSpread];
            spreadSkew = new int[nSpread];
            spreadMin = new int[nSpread];
            spreadDomains = new int[nSpread][];
            spreadDomainCount = new int[nSpread];
        }
        for (int i = 0; i < nSpread; i++) {
            int key = spread.get(i).key().ordinal();
            spreadKey[i] = key;
            spreadSkew[i] = spread.get(i).maxSkew();
            boolean[] seen = new boolean[s.domainCount(key)];
            int[] doms = new int[seen.length];
            int c = 0;
            for (int j = 0; j < statN; j++) {
                int d = s.domain(key, stat[j]);
                if (!seen[d]) {
                    seen[d] = true;
                    doms[c++] = d;
                }
            }
            spreadDomains[i] = doms;
            spreadDomainCount[i] = c;
        }
    }

    // ------------------------------------------------------------------ Filter + Score per replica

    /** Resources filter over the static candidates, scoring each node that fits. */
    private void fullPass() {
        int cpu = 0;
        int mem = 0;
        int gpu = 0;
        int m = 0;
        final long c = rc;
        final long mm = rm;
        final int g = rg;
        final long[] usedCpu = s.usedCpu;
        final long[] allocCpu = s.allocCpu;
        final long[] usedMem = s.usedMem;
        final long[] allocMem = s.allocMem;
        final int[] usedGpu = s.usedGpu;
        final int[] allocGpu = s.allocGpu;
        final int[] st = stat;
        for (int i = 0; i < statN; i++) {
            int n = st[i];
            if (usedCpu[n] + c > allocCpu[n]) {
                cpu++;
            } else if (usedMem[n] + mm > allocMem[n]) {
                mem++;
            } else if (usedGpu[n] + g > allocGpu[n]) {
                gpu++;
            } else {
                res[m++] = n;
            }
        }
        resN = m;
        scoreAll();
        fails[Reason.INSUFFICIENT_CPU.ordinal()] = cpu;
        fails[Reason.INSUFFICIENT_MEMORY.ordinal()] = mem;
        fails[Reason.INSUFFICIENT_GPUS.ordinal()] = gpu;
        cacheFor = w;
        cacheVersion = s.version;
    }

    /** Scores {@code res[0..resN)} into {@code score}; one tight loop per strategy. */
    private void scoreAll() {
        final int[] r = res;
        final double[] sc = score;
        final int n = resN;
        final double wt = cfg.strategyWeight();
        switch (strategy) {
            case 0 -> {
                final ClusterState st = s;
                for (int i = 0; i < n; i++) {
                    sc[i] = wt * BinPackScore.mostAllocated(st, r[i], rc, rm, rg);
                }
            }
            case 1 -> {
                for (int i = 0; i < n; i++) {
                    sc[i] = wt * SpreadScore.INSTANCE.score(this, r[i]);
                }
            }
            case 2 -> {
                for (int i = 0; i < n; i++) {
                    sc[i] = wt * CostScore.INSTANCE.score(this, r[i]);
                }
            }
            case 3 -> {
                for (int i = 0; i < n; i++) {
                    sc[i] = wt * EnergyScore.INSTANCE.score(this, r[i]);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    sc[i] = wt * LatencyScore.INSTANCE.score(this, r[i]);
                }
            }
        }
        if (staticActive) {
            final double[] ss = staticScore;
            for (int i = 0; i < n; i++) {
                sc[i] += ss[r[i]];
            }
        }
    }

    private double total(int n) {
        double v = cfg.strategyWeight() * STRATEGY_PLUGINS[strategy].score(this, n);
        return staticActive ? v + staticScore[n] : v;
    }

    /**
     * Applies the topology filters to the nodes that fit and keeps the best {@code k}; returns the best node slot or
     * -1. Ties go to the lower slot.
     */
    private int select() {
        topCount = 0;
        feasible = 0;
        int spreadFails = 0;
        int antiFails = 0;
        boolean spread = nSpread > 0;
        boolean anti = antiKey >= 0;
        // the topology filters' verdicts depend only on the node's domain: decide per domain, read per node
        if (spread) {
            PodTopologySpreadFilter.INSTANCE.updateMinimums(this);
            for (int j = 0; j < nSpread; j++) {
                int key = spreadKey[j];
                int domains = s.domainCount(key);
                if (spreadOk[j] == null || spreadOk[j].length < domains) {
                    spreadOk[j] = new boolean[Math.max(domains, 16)];
                }
                boolean[] ok = spreadOk[j];
                for (int d = 0; d < domains; d++) {
                    ok[d] = w.count(key, d) + 1 - spreadMin[j] <= spreadSkew[j];
                }
                spreadDomainOf[j] = s.domainArray(key);
            }
        }
        int[] antiDomainOf = null;
        boolean[] antiTaken = null;
        BitSet hosts = w.hosts;
        if (anti && antiKey > 0) {
            int domains = s.domainCount(antiKey);
            if (antiBlocked.length < domains) {
                antiBlocked = new boolean[Math.max(domains, 16)];
            }
            for (int d = 0; d < domains; d++) {
                antiBlocked[d] = w.count(antiKey, d) > 0;
            }
            antiTaken = antiBlocked;
            antiDomainOf = s.domainArray(antiKey);
        }
        final int[] r = res;
        final double[] sc = score;
        final int kk = k;
        final int ns = nSpread;
        nodes:
        for (int i = 0; i < resN; i++) {
            int n = r[i];
            if (spread) {
                for (int j = 0; j < ns; j++) {
                    if (!spreadOk[j][spreadDomainOf[j][n]]) {
                        spreadFails++;
                        continue nodes;
                    }
                }
            }
            if (anti && (antiTaken == null ? hosts.get(n) : antiTaken[antiDomainOf[n]])) {
                antiFails++;
                continue;
            }
            feasible++;
            double v = sc[i];
            if (topCount == kk) {
                double last = topScore[kk - 1];
                if (v < last || v == last && n > topNode[kk - 1]) {
                    continue;
                }
            }
            offer(v, n, i);
        }
        fails[Reason.TOPOLOGY_SPREAD.ordinal()] = spreadFails;
        fails[Reason.ANTI_AFFINITY.ordinal()] = antiFails;
        return topCount > 0 ? topNode[0] : -1;
    }

    private void offer(double v, int n, int pos) {
        int j = topCount < k ? topCount++ : k - 1;
        while (j > 0 && (topScore[j - 1] < v || topScore[j - 1] == v && topNode[j - 1] > n)) {
            topScore[j] = topScore[j - 1];
            topNode[j] = topNode[j - 1];
            topPos[j] = topPos[j - 1];
            j--;
        }
        topScore[j] = v;
        topNode[j] = n;
        topPos[j] = pos;
    }

    /**
     * The common case in one loop: no score that needs a maximum over the candidates first (preferred affinity,
     * PreferNoSchedule, cost) and no topology rule. Static filters, resources, score and top-k over the schedulable
     * nodes; leaves the same static candidates, scored candidates and counts as the separate passes.
     */
    private int fusedPass() {
        int sel = 0;
        int taint = 0;
        int cpu = 0;
        int mem = 0;
        int gpu = 0;
        int m = 0;
        int kRes = 0;
        topCount = 0;
        final BitSet aff = affinity;
        final boolean[] tol = tolerated;
        final int[][] hardTaints = s.hardTaints;
        final long c = rc;
        final long mm = rm;
        final int g = rg;
        final long[] usedCpu = s.usedCpu;
        final long[] allocCpu = s.allocCpu;
        final long[] usedMem = s.usedMem;
        final long[] allocMem = s.allocMem;
        final int[] usedGpu = s.usedGpu;
        final int[] allocGpu = s.allocGpu;
        final int[] sched = s.sched;
        final int[] st = stat;
        final int[] r = res;
        final double[] sc = score;
        final double wt = cfg.strategyWeight();
        final int strat = strategy;
        final int kk = k;
        final ClusterState cs = s;
        nodes:
        for (int i = 0; i < s.schedCount; i++) {
            int n = sched[i];
            if (aff != null && !aff.get(n)) {
                sel++;
                continue;
            }
            int[] ht = hardTaints[n];
            for (int t = 0; t < ht.length; t++) {
                if (!tol[ht[t]]) {
                    taint++;
                    continue nodes;
                }
            }
            st[m++] = n;
            if (usedCpu[n] + c > allocCpu[n]) {
                cpu++;
                continue;
            }
            if (usedMem[n] + mm > allocMem[n]) {
                mem++;
                continue;
            }
            if (usedGpu[n] + g > allocGpu[n]) {
                gpu++;
                continue;
            }
            double v = switch (strat) {
                case 0 -> BinPackScore.mostAllocated(cs, n, c, mm, g);
                case 1 -> 100 - BinPackScore.mostAllocated(cs, n, c, mm, g);
                case 3 -> EnergyScore.INSTANCE.score(this, n);
                default -> LatencyScore.INSTANCE.score(this, n);
            } * wt;
            r[kRes] = n;
            sc[kRes] = v;
            if (topCount == kk) {
                double last = topScore[kk - 1];
                if (v > last || v == last && n < topNode[kk - 1]) {
                    offer(v, n, kRes);
                }
            } else {
                offer(v, n, kRes);
            }
            kRes++;
        }
        statN = m;
        resN = kRes;
        feasible = kRes;
        fails[Reason.NODE_SELECTOR.ordinal()] = sel;
        fails[Reason.UNTOLERATED_TAINT.ordinal()] = taint;
        fails[Reason.INSUFFICIENT_CPU.ordinal()] = cpu;
        fails[Reason.INSUFFICIENT_MEMORY.ordinal()] = mem;
        fails[Reason.INSUFFICIENT_GPUS.ordinal()] = gpu;
        fails[Reason.TOPOLOGY_SPREAD.ordinal()] = 0;
        fails[Reason.ANTI_AFFINITY.ordinal()] = 0;
        cacheFor = w;
        cacheVersion = s.version;
        return topCount > 0 ? topNode[0] : -1;
    }

    /** The best node slot for the next replica of the workload, or -1 (then {@link #fails} holds the counts). */
    int next() {
        boolean fresh = staticFor != w || staticSpec != spec || staticNodeVersion != s.nodeVersion;
        ensureStatic();
        if (fused && (fresh || cacheFor != w || cacheVersion != s.version)) {
            return fusedPass();
        }
        boolean cached = cacheFor == w && cacheVersion == s.version;
        if (!cached) {
            fullPass();
        }
        int best = select();
        if (best < 0 && cached) {
            fullPass(); // the cached resource counts are from an earlier replica; recount for the reason
            best = select();
        }
        return best;
    }

    /** Reserve: the best node just got the replica; re-check and re-score only it. */
    void afterBind() {
        int p = topPos[0];
        int n = res[p];
        if (NodeResourcesFit.INSTANCE.check(this, n) == null) {
            score[p] = total(n);
        } else {
            resN--;
            res[p] = res[resN];
            score[p] = score[resN];
        }
        cacheVersion = s.version;
    }

    String reason() {
        return Reason.format(s.liveCount, fails);
    }

    Map<String, Integer> reasonCounts() {
        return Reason.asMap(fails);
    }

    // ------------------------------------------------------------------ explanation

    /** The score breakdown of the last {@link #select()}. */
    ScoreBreakdown explain() {
        List<NodeScore> top = new ArrayList<>(topCount);
        for (int i = 0; i < topCount; i++) {
            top.add(nodeScore(topNode[i], topScore[i]));
        }
        return new ScoreBreakdown(s.liveCount, feasible, top, false);
    }

    /** Breakdown for a node chosen by preemption (after the victims are gone). */
    ScoreBreakdown explainPreemption(int n) {
        return new ScoreBreakdown(s.liveCount, 0, List.of(nodeScore(n, total(n))), true);
    }

    private NodeScore nodeScore(int n, double total) {
        List<PluginScore> ps = new ArrayList<>(3);
        ps.add(new PluginScore(STRATEGY_PLUGINS[strategy].name(), STRATEGY_PLUGINS[strategy].score(this, n),
                cfg.strategyWeight()));
        if (prefActive) {
            ps.add(new PluginScore(NodeAffinityScore.INSTANCE.name(), NodeAffinityScore.INSTANCE.score(this, n),
                    cfg.preferredAffinityWeight()));
        }
        if (softActive) {
            ps.add(new PluginScore(TaintTolerationScore.INSTANCE.name(),
                    TaintTolerationScore.INSTANCE.score(this, n), cfg.preferNoScheduleWeight()));
        }
        return new NodeScore(s.node[n].name(), total, ps);
    }

    // ------------------------------------------------------------------ PostFilter: preemption

    /**
     * Finds the node where evicting the fewest, lowest-priority preemptible replicas of strictly lower priority lets
     * the replica fit, the way kube-scheduler's default preemption does: on each node that fails only for resources,
     * take away every lower-priority preemptible replica, then give them back from the highest priority down while
     * the replica still fits (equal priorities in the order they sit on the node); those not given back are the
     * victims. Among nodes, pick the one minimising (highest
     * victim priority, number of victims, sum of victim priorities), then the lower slot. A gang victim brings its
     * whole gang, which is counted. Returns the slot, with the victims in {@code victims}, or -1.
     * Call after {@link #next()} returned -1.
     */
    private static final Comparator<Replica> BY_PRIORITY_DESC =
            (a, b) -> Integer.compare(b.priority, a.priority);

    int preempt(List<Replica> victims) {
        victims.clear();
        int prio = spec.priority();
        Integer lowest = s.preemptibleByPriority.isEmpty() ? null : s.preemptibleByPriority.firstKey();
        if (lowest == null || lowest >= prio) {
            return -1;
        }
        int bestNode = -1;
        long bestMax = 0;
        long bestCount = 0;
        long bestSum = 0;
        List<Replica> cand = new ArrayList<>();
        List<Replica> chosen = new ArrayList<>();
        Set<WorkloadEntry> gangs = new HashSet<>();
        boolean spread = nSpread > 0;
        for (int i = 0; i < statN; i++) {
            int n = stat[i];
            if (NodeResourcesFit.INSTANCE.check(this, n) == null) {
                continue; // fits already: rejected by spread or anti-affinity, which evicting others cannot fix
            }
            if (spread && PodTopologySpreadFilter.INSTANCE.check(this, n) != null
                    || antiKey >= 0 && PodAntiAffinityFilter.INSTANCE.check(this, n) != null) {
                continue;
            }
            if (s.allocCpu[n] < rc || s.allocMem[n] < rm || s.allocGpu[n] < rg) {
                continue;
            }
            cand.clear();
            long freeC = s.allocCpu[n] - s.usedCpu[n];
            long freeM = s.allocMem[n] - s.usedMem[n];
            long freeG = s.allocGpu[n] - s.usedGpu[n];
            int minP = Integer.MAX_VALUE;
            int maxP = Integer.MIN_VALUE;
            ReplicaList l = s.onNode[n];
            Replica[] items = l.items;
            for (int j = 0; j < l.size; j++) {
                Replica r = items[j];
                int p = r.priority;
                if (p < prio && r.preemptible) {
                    cand.add(r);
                    freeC += r.cpu;
                    freeM += r.mem;
                    freeG += r.gpus;
                    minP = Math.min(minP, p);
                    maxP = Math.max(maxP, p);
                }
            }
            if (freeC < rc || freeM < rm || freeG < rg) {
                continue;
            }
            // lower bounds here: top priority >= minP, at least one victim; skip nodes that cannot beat the best
            if (bestNode >= 0 && (minP > bestMax || minP == bestMax && bestCount == 1 && n > bestNode)) {
                continue;
            }
            // reprieve from the highest priority down; equal priorities in the node's own order (stable sort)
            if (minP != maxP) {
                cand.sort(BY_PRIORITY_DESC);
            }
            chosen.clear();
            for (Replica r : cand) {
                if (freeC - r.cpu >= rc && freeM - r.mem >= rm && freeG - r.gpus >= rg) {
                    freeC -= r.cpu;
                    freeM -= r.mem;
                    freeG -= r.gpus;
                } else {
                    chosen.add(r);
                }
            }
            long max = Long.MIN_VALUE;
            long count = 0;
            long sum = 0;
            gangs.clear();
            for (Replica r : chosen) {
                int p = r.w.spec.priority();
                max = Math.max(max, p);
                if (r.w.spec.gang()) {
                    if (gangs.add(r.w)) {
                        count += r.w.placed;
                        sum += (long) p * r.w.placed;
                    }
                } else {
                    count++;
                    sum += p;
                }
            }
            if (bestNode < 0 || max < bestMax || max == bestMax && (count < bestCount
                    || count == bestCount && (sum < bestSum || sum == bestSum && n < bestNode))) {
                bestNode = n;
                bestMax = max;
                bestCount = count;
                bestSum = sum;
                victims.clear();
                victims.addAll(chosen);
            }
        }
        return bestNode;
    }
}
