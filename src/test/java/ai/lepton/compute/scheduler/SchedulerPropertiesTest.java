package ai.lepton.compute.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Randomised, seeded property tests: thousands of generated clusters and operation sequences, with the invariants
 * checked after every operation. A failure names its seed and step; rerun with that seed to reproduce.
 */
class SchedulerPropertiesTest {

    private static final Pattern REASON = Pattern.compile(
            "(gang: )?0/(\\d+) nodes available(: \\d+ [a-z()' -]+(, \\d+ [a-z()' -]+)*)?");
    private static final Pattern PREEMPTOR = Pattern.compile("preempted by .+ \\(priority (-?\\d+)\\)");

    /** What the generated sequences exercised, so a generator that stops producing a case is noticed. */
    private final Map<String, Integer> seen = new HashMap<>();

    @Test
    void invariantsHoldAcrossRandomOperationSequences() {
        for (int seed = 0; seed < 1500; seed++) {
            runOperations(seed);
        }
        assertThat(seen.keySet()).as("cases exercised: " + seen).contains("placement", "pending", "gang placed",
                "gang pending", "admission QUEUED", "admission REJECTED", "eviction PREEMPTED", "eviction DRAINED",
                "eviction GANG", "eviction NODE_REMOVED", "eviction NO_EXECUTE_TAINT", "eviction NODE_SHRUNK",
                "preemption placement", "restart", "restart with queued scale-up", "replica SUCCEEDED",
                "replica FAILED retried", "replica FAILED", "replica STOPPED", "eviction JOB_FAILED", "job SUCCEEDED",
                "job FAILED", "restart with ended replicas");
        assertThat(seen.get("eviction PREEMPTED")).as(seen.toString()).isGreaterThan(100);
        assertThat(seen.get("job SUCCEEDED")).as(seen.toString()).isGreaterThan(100);
        assertThat(seen.get("job FAILED")).as(seen.toString()).isGreaterThan(100);
    }

    private void count(ScheduleResult res, Scheduler s) {
        res.placements().forEach(p -> {
            seen.merge("placement", 1, Integer::sum);
            if (p.explanation() != null && p.explanation().preemption()) {
                seen.merge("preemption placement", 1, Integer::sum);
            }
            s.state().workload(p.workload()).filter(w -> w.workload().gang())
                    .ifPresent(w -> seen.merge("gang placed", 1, Integer::sum));
        });
        res.pending().forEach(p -> seen.merge(p.reason().startsWith("gang") ? "gang pending" : "pending", 1,
                Integer::sum));
        res.evictions().forEach(e -> seen.merge("eviction " + e.cause(), 1, Integer::sum));
        res.admissions().forEach(a -> seen.merge("admission " + a.decision(), 1, Integer::sum));
        res.ends().forEach(e -> seen.merge("replica " + e.outcome() + (e.retried() ? " retried" : ""), 1,
                Integer::sum));
        res.jobs().forEach(j -> seen.merge("job " + j.state(), 1, Integer::sum));
    }

    private void runOperations(long seed) {
        Random r = new Random(seed);
        int zones = 1 + r.nextInt(4);
        int sites = 1 + r.nextInt(3);
        SchedulerConfig cfg = SchedulerConfig.defaults().withStrategy(RandomClusters.pick(r, ScoringStrategy.values()))
                .withLatency(RandomClusters.latency(r, sites));
        Scheduler s = new Scheduler(cfg);
        int nodeCount = 3 + r.nextInt(25);
        int nextNode = 0;
        for (; nextNode < nodeCount; nextNode++) {
            s.registerNode(RandomClusters.node(r, "n" + nextNode, zones, sites, true));
        }
        String[] projects = {"p0", "p1", "p2"};
        Map<String, Quota> quotas = new HashMap<>();
        for (String p : projects) {
            if (r.nextBoolean()) {
                Quota q = Quota.of(2000 + r.nextInt(20000), 4096 + r.nextInt(40000), r.nextInt(4),
                        r.nextBoolean() ? Quota.QuotaPolicy.REJECT : Quota.QuotaPolicy.QUEUE);
                quotas.put(p, q);
                s.setQuota(p, q);
            }
        }
        int nextWorkload = 0;
        // a separate stream, so the operation sequences stay what they were without restarts
        Random restarts = new Random(~seed);
        // and another for what job replicas report (a node agent's success or failure) and jobs' maxRetries
        Random agents = new Random(seed * 7919 + 13);
        int steps = 20 + r.nextInt(40);
        for (int step = 0; step < steps; step++) {
            String ctx = "seed " + seed + " step " + step;
            List<String> names = new ArrayList<>(s.state().workloads.keySet());
            List<String> nodeNames = s.state().nodes().stream().map(x -> x.node().name()).toList();
            int op = r.nextInt(100);
            ScheduleResult res;
            String drained = null;
            String submitted = null;
            if (op < 45 || names.isEmpty()) {
                submitted = "w" + nextWorkload++;
                Workload w = RandomClusters.workload(r, submitted, RandomClusters.pick(r, projects), true);
                if (w.type() == WorkloadType.JOB) {
                    w = w.toBuilder().maxRetries(agents.nextInt(3)).build();
                }
                res = s.submit(w);
            } else if (op < 58) {
                res = s.delete(names.get(r.nextInt(names.size())));
            } else if (op < 70) {
                String name = names.get(r.nextInt(names.size()));
                int replicas = r.nextInt(8);
                JobProgress job = s.state().workload(name).orElseThrow().job();
                if (job != null && job.state().finished()) {
                    Scheduler current = s;
                    List<Binding> bound = s.state().bindings();
                    assertThatThrownBy(() -> current.scale(name, replicas)).as(ctx + ": a finished job does not scale")
                            .isInstanceOf(IllegalStateException.class);
                    assertThat(s.state().bindings()).as(ctx).isEqualTo(bound);
                    res = s.retryPending();
                } else {
                    res = s.scale(name, replicas);
                }
            } else if (op < 76 && !nodeNames.isEmpty()) {
                drained = nodeNames.get(r.nextInt(nodeNames.size()));
                res = s.drain(drained);
            } else if (op < 82 && !nodeNames.isEmpty()) {
                String n = nodeNames.get(r.nextInt(nodeNames.size()));
                res = r.nextBoolean() ? s.cordon(n) : s.uncordon(n);
            } else if (op < 88) {
                // a new node, or a changed spec (capacity, taints) for an existing one in the same topology
                if (r.nextBoolean() || nodeNames.isEmpty()) {
                    res = s.registerNode(RandomClusters.node(r, "n" + nextNode++, zones, sites, true));
                } else {
                    Node old = s.state().node(nodeNames.get(r.nextInt(nodeNames.size()))).orElseThrow().node();
                    Node fresh = RandomClusters.node(r, old.name(), zones, sites, true);
                    res = s.registerNode(fresh.toBuilder().zone(old.zone()).site(old.site()).region(old.region())
                            .build());
                }
            } else if (op < 92 && !nodeNames.isEmpty()) {
                res = s.removeNode(nodeNames.get(r.nextInt(nodeNames.size())));
            } else if (op < 96) {
                res = s.retryPending();
            } else if (!nodeNames.isEmpty()) {
                res = s.setNodeState(nodeNames.get(r.nextInt(nodeNames.size())), NodeState.NOT_READY);
            } else {
                res = s.retryPending();
            }
            checkInvariants(s, res, quotas, ctx);
            count(res, s);
            if (restarts.nextInt(10) == 0) {
                s = restartAndCompare(s, quotas, ctx);
            }
            if (drained != null) {
                NodeStatus d = s.state().node(drained).orElseThrow();
                assertThat(d.replicas()).as(ctx + ": drained node ends empty").isZero();
                assertThat(d.allocated()).as(ctx).isEqualTo(new Resources(0, 0, 0, d.node().capacity().gpuModel()));
                assertThat(d.node().state()).as(ctx).isEqualTo(NodeState.DRAINING);
            }
            if (submitted != null && s.state().workload(submitted).isPresent()) {
                assertSpreadWithinSkew(s, submitted, ctx);
            }
            // node agents report job replicas that ended (after the checks above, which hold right after the step)
            for (int k = agents.nextInt(3); k > 0; k--) {
                reportJobReplica(s, agents, quotas, ctx + " report " + k);
            }
        }
    }

    /** A random running job replica ends: success, or failure (retried while its job has retries left). */
    private void reportJobReplica(Scheduler s, Random agents, Map<String, Quota> quotas, String ctx) {
        List<Binding> running = new ArrayList<>();
        for (WorkloadStatus w : s.state().workloads()) {
            if (w.job() != null) {
                running.addAll(w.bindings());
            }
        }
        if (running.isEmpty()) {
            return;
        }
        Binding b = running.get(agents.nextInt(running.size()));
        WorkloadStatus before = s.state().workload(b.workload()).orElseThrow();
        boolean success = agents.nextInt(3) != 0;
        ScheduleResult res = success ? s.replicaSucceeded(b.workload(), b.replica())
                : s.replicaFailed(b.workload(), b.replica());
        checkInvariants(s, res, quotas, ctx);
        count(res, s);
        WorkloadStatus after = s.state().workload(b.workload()).orElseThrow();
        ReplicaEnd reported = res.ends().get(0);
        assertThat(reported.replica()).as(ctx).isEqualTo(b.replica());
        assertThat(reported.node()).as(ctx).isEqualTo(b.node());
        boolean retry = !success && before.job().retries() < before.workload().maxRetries();
        assertThat(reported.retried()).as(ctx + ": " + reported).isEqualTo(retry);
        assertThat(after.job().retries()).as(ctx).isEqualTo(before.job().retries() + (retry ? 1 : 0));
        if (retry) {
            assertThat(after.ended()).as(ctx + ": a retried replica has not ended").isEqualTo(before.ended());
            assertThat(after.admittedReplicas()).as(ctx).isEqualTo(before.admittedReplicas());
        } else if (!success) {
            assertThat(after.job().state()).as(ctx + ": a failure without retries fails the job")
                    .isEqualTo(JobState.FAILED);
        }
    }

    /**
     * Rebuilds the scheduler from what the service persists, as after a process restart, and checks that nothing
     * changed: the same bindings, admitted counts, quota queue and usage; the run goes on with the rebuilt one.
     */
    private Scheduler restartAndCompare(Scheduler s, Map<String, Quota> quotas, String ctx) {
        Scheduler.Restored rr = RestoreTest.restart(s);
        ClusterState before = s.state();
        ClusterState after = rr.scheduler().state();
        assertThat(rr.problems()).as(ctx + ": restart problems").isEmpty();
        assertThat(after.bindings()).as(ctx + ": bindings after restart")
                .containsExactlyInAnyOrderElementsOf(before.bindings());
        for (WorkloadStatus w : before.workloads()) {
            WorkloadStatus b = after.workload(w.workload().name()).orElseThrow();
            assertThat(new int[] {b.admittedReplicas(), b.workload().replicas(), b.pending().size()})
                    .as(ctx + ": " + w.workload().name() + " after restart")
                    .containsExactly(w.admittedReplicas(), w.workload().replicas(), w.pending().size());
            assertThat(b.job()).as(ctx + ": job progress of " + w.workload().name() + " after restart")
                    .isEqualTo(w.job());
            assertThat(b.queued()).as(ctx).isEqualTo(w.queued());
            if (w.queued()) {
                seen.merge("restart with queued scale-up", 1, Integer::sum);
            }
            if (!w.ended().isEmpty()) {
                seen.merge("restart with ended replicas", 1, Integer::sum);
            }
        }
        for (String p : quotas.keySet()) {
            assertThat(after.quotaUsage(p)).as(ctx + ": usage of " + p + " after restart")
                    .isEqualTo(before.quotaUsage(p));
        }
        seen.merge("restart", 1, Integer::sum);
        return rr.scheduler();
    }

    private static void checkInvariants(Scheduler s, ScheduleResult res, Map<String, Quota> quotas, String ctx) {
        ClusterState st = s.state();
        // nodes: never over-committed, and allocated equals what is bound
        Map<String, long[]> bound = new HashMap<>();
        for (WorkloadStatus w : st.workloads()) {
            Resources q = w.workload().resources();
            for (Binding b : w.bindings()) {
                long[] a = bound.computeIfAbsent(b.node(), k -> new long[4]);
                a[0] += q.cpuMillis();
                a[1] += q.memoryMiB();
                a[2] += q.gpus();
                a[3]++;
            }
        }
        for (NodeStatus n : st.nodes()) {
            Resources alloc = n.node().allocatable();
            assertThat(n.allocated().fitsIn(alloc)).as(ctx + ": " + n.node().name() + " over-committed: "
                    + n.allocated() + " > " + alloc).isTrue();
            long[] b = bound.getOrDefault(n.node().name(), new long[4]);
            assertThat(new long[] {n.allocated().cpuMillis(), n.allocated().memoryMiB(), n.allocated().gpus(),
                n.replicas()}).as(ctx + ": accounting of " + n.node().name()).containsExactly(b);
        }
        // workloads: nothing lost, gangs whole or not at all, anti-affinity holds, ended replicas hold nothing
        Map<String, long[]> usage = new HashMap<>();
        Map<String, long[]> placedUsage = new HashMap<>();
        for (WorkloadStatus w : st.workloads()) {
            Workload spec = w.workload();
            assertThat(w.bindings().size() + w.pending().size() + w.ended().size())
                    .as(ctx + ": replicas of " + spec.name()).isEqualTo(w.admittedReplicas());
            checkJob(w, ctx);
            if (spec.gang()) {
                assertThat(w.bindings().isEmpty() || w.pending().isEmpty())
                        .as(ctx + ": gang " + spec.name() + " partly placed").isTrue();
            }
            if (spec.antiAffinity() != null) {
                Set<String> domains = new HashSet<>();
                for (Binding b : w.bindings()) {
                    Node n = st.node(b.node()).orElseThrow().node();
                    assertThat(domains.add(Oracle.domain(n, spec.antiAffinity())))
                            .as(ctx + ": anti-affinity of " + spec.name()).isTrue();
                }
            }
            int active = w.admittedReplicas() - w.ended().size();
            long[] u = usage.computeIfAbsent(spec.project(), k -> new long[3]);
            u[0] += spec.resources().cpuMillis() * active;
            u[1] += spec.resources().memoryMiB() * active;
            u[2] += (long) spec.resources().gpus() * active;
            long[] pu = placedUsage.computeIfAbsent(spec.project(), k -> new long[3]);
            pu[0] += spec.resources().cpuMillis() * w.bindings().size();
            pu[1] += spec.resources().memoryMiB() * w.bindings().size();
            pu[2] += (long) spec.resources().gpus() * w.bindings().size();
        }
        // quotas never exceeded, by admitted and by placed replicas
        for (Map.Entry<String, Quota> q : quotas.entrySet()) {
            Resources lim = q.getValue().limit();
            for (long[] u : new long[][] {usage.getOrDefault(q.getKey(), new long[3]),
                placedUsage.getOrDefault(q.getKey(), new long[3])}) {
                assertThat(u[0] <= lim.cpuMillis() && u[1] <= lim.memoryMiB() && u[2] <= lim.gpus())
                        .as(ctx + ": quota of " + q.getKey() + " exceeded").isTrue();
            }
            Resources reported = st.quotaUsage(q.getKey());
            long[] u = usage.getOrDefault(q.getKey(), new long[3]);
            assertThat(new long[] {reported.cpuMillis(), reported.memoryMiB(), reported.gpus()})
                    .as(ctx + ": usage of " + q.getKey()).containsExactly(u);
        }
        // preemption never evicts equal or higher priority, nor non-preemptible replicas
        for (Eviction e : res.evictions()) {
            Matcher m = PREEMPTOR.matcher(e.detail());
            if (e.cause() == Eviction.Cause.PREEMPTED || e.cause() == Eviction.Cause.GANG && m.find()) {
                if (e.cause() == Eviction.Cause.PREEMPTED) {
                    assertThat(m.matches()).as(ctx + ": " + e.detail()).isTrue();
                }
                int preemptor = Integer.parseInt(m.group(1));
                assertThat(e.priority()).as(ctx + ": eviction " + e).isLessThan(preemptor);
                st.workload(e.workload()).ifPresent(w -> assertThat(w.workload().preemptible())
                        .as(ctx + ": evicted a non-preemptible replica " + e).isTrue());
            }
        }
        // what ended in the operation is ended now (or pending or placed again, when retried), and stopped replicas of
        // a failed job are its only JOB_FAILED evictions
        for (ReplicaEnd e : res.ends()) {
            WorkloadStatus w = st.workload(e.workload()).orElseThrow();
            boolean ended = w.ended().stream().anyMatch(x -> x.replica() == e.replica() && x.outcome() == e.outcome());
            assertThat(ended).as(ctx + ": " + e).isEqualTo(!e.retried());
        }
        for (Eviction e : res.evictions()) {
            if (e.cause() == Eviction.Cause.JOB_FAILED) {
                assertThat(res.ends()).as(ctx + ": " + e).anyMatch(x -> x.workload().equals(e.workload())
                        && x.replica() == e.replica() && x.outcome() == ReplicaOutcome.STOPPED);
            }
        }
        for (JobOutcome j : res.jobs()) {
            assertThat(st.workload(j.workload()).orElseThrow().job().state()).as(ctx + ": " + j).isEqualTo(j.state());
        }
        // placements respected the static filters (when still bound where they were placed)
        for (Placement p : res.placements()) {
            WorkloadStatus w = st.workload(p.workload()).orElse(null);
            if (w == null || w.bindings().stream().noneMatch(b -> b.replica() == p.replica()
                    && b.node().equals(p.node()))) {
                continue;
            }
            Node n = st.node(p.node()).orElseThrow().node();
            Oracle o = new Oracle(List.of(), s.config(), Set.of());
            String why = o.staticReason(w.workload(), n.withState(NodeState.READY));
            assertThat(why).as(ctx + ": " + p + " broke a filter").isNull();
        }
        // pending reasons: kube format, every node counted exactly once
        for (PendingReplica p : res.pending()) {
            Matcher m = REASON.matcher(p.reason());
            if (p.reason().startsWith("evicted from") || p.reason().startsWith("not scheduled")) {
                continue;
            }
            assertThat(m.matches()).as(ctx + ": reason format: " + p.reason()).isTrue();
            int total = Integer.parseInt(m.group(2));
            assertThat(p.reasonCounts().values().stream().mapToInt(Integer::intValue).sum())
                    .as(ctx + ": counts of " + p.reason()).isEqualTo(total);
            assertThat(total).as(ctx).isEqualTo(st.nodeCount());
        }
    }

    /** A job's replicas and state agree: ended replicas hold no node, a finished job holds nothing. */
    private static void checkJob(WorkloadStatus w, String ctx) {
        String name = w.workload().name();
        if (w.job() == null) {
            assertThat(w.workload().type()).as(ctx).isEqualTo(WorkloadType.DEPLOYMENT);
            return;
        }
        Set<Integer> ids = new HashSet<>();
        w.bindings().forEach(b -> ids.add(b.replica()));
        w.pending().forEach(p -> ids.add(p.replica()));
        for (EndedReplica e : w.ended()) {
            assertThat(ids.add(e.replica())).as(ctx + ": ended replica " + name + "/" + e.replica()
                    + " is also bound or pending").isTrue();
        }
        assertThat(w.job().retries()).as(ctx + ": retries of " + name).isBetween(0, w.workload().maxRetries());
        Map<ReplicaOutcome, Long> outcomes = new HashMap<>();
        w.ended().forEach(e -> outcomes.merge(e.outcome(), 1L, Long::sum));
        switch (w.job().state()) {
            case RUNNING -> assertThat(outcomes.keySet()).as(ctx + ": running job " + name)
                    .isSubsetOf(ReplicaOutcome.SUCCEEDED);
            case SUCCEEDED -> {
                assertThat(outcomes).as(ctx + ": succeeded job " + name)
                        .isEqualTo(Map.of(ReplicaOutcome.SUCCEEDED, (long) w.workload().replicas()));
                assertThat(w.admittedReplicas()).as(ctx).isEqualTo(w.workload().replicas());
            }
            case FAILED -> assertThat(outcomes.get(ReplicaOutcome.FAILED)).as(ctx + ": failed job " + name)
                    .isEqualTo(1L);
            default -> throw new AssertionError(w.job());
        }
        if (w.job().state().finished()) {
            assertThat(w.bindings()).as(ctx + ": finished job " + name + " holds a node").isEmpty();
            assertThat(w.pending()).as(ctx + ": finished job " + name + " has pending replicas").isEmpty();
            assertThat(w.queued()).as(ctx).isFalse();
        }
    }

    /** Right after its submission, a workload's replicas are within maxSkew over its eligible domains. */
    private static void assertSpreadWithinSkew(Scheduler s, String name, String ctx) {
        ClusterState st = s.state();
        WorkloadStatus w = st.workload(name).orElseThrow();
        Oracle o = new Oracle(List.of(), s.config(), Set.of());
        for (TopologySpread t : w.workload().topologySpread()) {
            Map<String, Integer> counts = new HashMap<>();
            for (NodeStatus n : st.nodes()) {
                if (o.staticOk(w.workload(), n.node())) {
                    counts.putIfAbsent(Oracle.domain(n.node(), t.key()), 0);
                }
            }
            for (Binding b : w.bindings()) {
                counts.merge(Oracle.domain(st.node(b.node()).orElseThrow().node(), t.key()), 1, Integer::sum);
            }
            if (counts.isEmpty()) {
                continue;
            }
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            assertThat(max - min).as(ctx + ": skew of " + name + " over " + t.key() + " " + counts)
                    .isLessThanOrEqualTo(t.maxSkew());
        }
    }

    @Test
    void spreadNeverExceedsMaxSkewWhileWorkloadsComeAndGo() {
        for (int seed = 0; seed < 800; seed++) {
            Random r = new Random(1_000_000 + seed);
            Scheduler s = new Scheduler(SchedulerConfig.defaults());
            RandomClusters.nodes(r, 4 + r.nextInt(20), 1 + r.nextInt(4), 1 + r.nextInt(3), true)
                    .forEach(s::registerNode);
            for (int step = 0; step < 25; step++) {
                List<String> names = new ArrayList<>(s.state().workloads.keySet());
                if (names.isEmpty() || r.nextInt(4) != 0) {
                    Workload w = RandomClusters.workload(r, "w" + step, "p", false);
                    Workload.Builder b = w.toBuilder().replicas(1 + r.nextInt(9));
                    if (w.topologySpread().isEmpty()) {
                        b.spread(TopologyKey.ZONE, 1 + r.nextInt(2));
                    }
                    w = b.build();
                    s.submit(w);
                } else {
                    s.delete(names.get(r.nextInt(names.size())));
                }
                for (String n : s.state().workloads.keySet()) {
                    assertSpreadWithinSkew(s, n, "seed " + seed + " step " + step);
                }
            }
        }
    }

    /**
     * Replays every submission against {@link Oracle}: each replica went to a node that passes every filter and has
     * the highest total score (ties to the earlier node), the breakdown's feasible count and top score agree, and
     * when a replica could not be placed the reason counts are exactly the oracle's first-failing filters.
     */
    @Test
    void everyReplicaGoesToABestFeasibleNodeAndEveryReasonIsExact() {
        for (int seed = 0; seed < 700; seed++) {
            Random r = new Random(2_000_000 + seed);
            int sites = 1 + r.nextInt(3);
            SchedulerConfig cfg = SchedulerConfig.defaults()
                    .withStrategy(RandomClusters.pick(r, ScoringStrategy.values()))
                    .withLatency(RandomClusters.latency(r, sites)).withExplainTopK(1 + r.nextInt(4));
            Scheduler s = new Scheduler(cfg);
            List<Node> nodes = RandomClusters.nodes(r, 2 + r.nextInt(25), 1 + r.nextInt(4), sites, true);
            nodes.forEach(s::registerNode);
            Set<String> allSites = Oracle.sites(nodes);
            for (int step = 0; step < 12; step++) {
                String ctx = "seed " + seed + " step " + step;
                Workload w = RandomClusters.workload(r, "w" + step, "p", false);
                Oracle o = new Oracle(s.state().nodes(), cfg, allSites);
                ScheduleResult res = s.submit(w);
                assertThat(res.evictions()).as(ctx).isEmpty();
                int placed = 0;
                boolean gangFailed = w.gang() && res.placements().isEmpty() && w.replicas() > 0;
                for (int k = 0; k < w.replicas(); k++) {
                    List<Integer> feasible = o.feasible(w);
                    if (feasible.isEmpty()) {
                        Map<String, Integer> expected = o.reasonCounts(w);
                        assertThat(res.pending()).as(ctx + ": replica " + k + " has no node").isNotEmpty();
                        assertThat(res.pending().get(0).reasonCounts()).as(ctx).isEqualTo(expected);
                        if (!w.gang()) {
                            assertThat(placed).as(ctx).isEqualTo(res.placements().size());
                        } else {
                            assertThat(res.placements()).as(ctx + ": failed gang placed nothing").isEmpty();
                        }
                        break;
                    }
                    if (gangFailed) {
                        // the gang was rolled back: follow the oracle's own choices to where it must fail
                        int bestNode = feasible.get(0);
                        for (int i : feasible) {
                            if (o.total(w, i) > o.total(w, bestNode)) {
                                bestNode = i;
                            }
                        }
                        o.bind(w, bestNode);
                        assertThat(k).as(ctx + ": the oracle placed the whole gang").isLessThan(w.replicas() - 1);
                        continue;
                    }
                    assertThat(res.placements().size()).as(ctx + ": replica " + k + " should be placed on one of "
                            + feasible.stream().map(i -> o.nodes.get(i).name()).toList() + ": " + w + " -> " + res
                            + " nodes " + s.state().nodes())
                            .isGreaterThan(placed);
                    Placement p = res.placements().get(placed++);
                    int chosen = o.indexOf(p.node());
                    assertThat(feasible).as(ctx + ": " + p.node() + " is feasible").contains(chosen);
                    double best = Double.NEGATIVE_INFINITY;
                    int bestNode = -1;
                    for (int i : feasible) {
                        double v = o.total(w, i);
                        if (v > best + 1e-9) {
                            best = v;
                            bestNode = i;
                        }
                    }
                    assertThat(o.total(w, chosen)).as(ctx + ": replica " + k + " on " + p.node() + ", best was "
                            + o.nodes.get(bestNode).name()).isCloseTo(best, within(1e-9));
                    assertThat(p.explanation().feasible()).as(ctx).isEqualTo(feasible.size());
                    assertThat(p.explanation().top().get(0).node()).isEqualTo(p.node());
                    assertThat(p.explanation().top().get(0).total()).as(ctx).isCloseTo(best, within(1e-9));
                    assertThat(p.explanation().top()).hasSize(Math.min(cfg.explainTopK(), feasible.size()));
                    o.bind(w, chosen);
                }
                if (placed == w.replicas()) {
                    assertThat(res.pending()).as(ctx).isEmpty();
                }
            }
        }
    }
}
