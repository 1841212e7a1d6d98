package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestoreTest {

    @Test
    void rebuildsTheSameStateFromNodesWorkloadsAndBindings() {
        Scheduler s = scheduler(nb("a", 4000, 4096).zone("z1").build(), nb("b", 4000, 4096).zone("z2").build());
        s.setQuota("p", Quota.of(100000, 100000, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("w", 3, 1000, 100).spread(TopologyKey.ZONE, 1).build());
        s.submit(wl("x", 2, 1500, 100).antiAffinity(TopologyKey.HOSTNAME).build());
        s.submit(wl("y", 2, 3000, 100).build());
        List<Node> nodes = s.state().nodes().stream().map(NodeStatus::node).toList();
        List<Workload> workloads = s.state().workloads().stream().map(WorkloadStatus::workload).toList();

        Scheduler.Restored r = Scheduler.restore(s.config(), nodes, s.state().quotas(), workloads,
                s.state().bindings());
        assertThat(r.problems()).isEmpty();
        ClusterState back = r.scheduler().state();
        assertThat(back.bindings()).containsExactlyInAnyOrderElementsOf(s.state().bindings());
        assertThat(back.nodes()).isEqualTo(s.state().nodes());
        assertThat(back.pending()).extracting(PendingReplica::workload, PendingReplica::replica)
                .containsExactlyInAnyOrderElementsOf(s.state().pending().stream()
                        .map(p -> org.assertj.core.groups.Tuple.tuple(p.workload(), p.replica())).toList());
        assertThat(back.quotaUsage("p")).isEqualTo(s.state().quotaUsage("p"));
        // incremental counts are rebuilt too: a fourth spread replica must go to the emptier zone
        ScheduleResult more = r.scheduler().scale("w", 4);
        assertThat(more.placements()).hasSizeLessThanOrEqualTo(1);
        assertThat(r.scheduler().state().workload("x").orElseThrow().bindings()).extracting(Binding::node)
                .doesNotHaveDuplicates();
    }

    @Test
    void reportsWhatCannotBeRestoredAndNeverOvercommits() {
        List<Node> nodes = List.of(node("a", 1000, 1000));
        List<Workload> workloads = List.of(wl("w", 2, 800, 100).build());
        List<Binding> bindings = new ArrayList<>(List.of(new Binding("w", 0, "a"), new Binding("w", 1, "a"),
                new Binding("ghost", 0, "a")));
        Scheduler.Restored r = Scheduler.restore(SchedulerConfig.defaults(), nodes, Map.of(), workloads, bindings);
        assertThat(r.problems()).containsExactlyInAnyOrder("binding Binding[workload=w, replica=1, node=a] not "
                + "restored: node has no room", "1 binding(s) of unknown workload ghost dropped");
        assertThat(r.scheduler().state().node("a").orElseThrow().allocated().cpuMillis()).isEqualTo(800);
        assertThat(r.scheduler().state().pending()).singleElement().extracting(PendingReplica::reason)
                .isEqualTo("restore: node a has no room");
        ScheduleResult retried = r.scheduler().retryPending();
        assertThat(retried.pending()).singleElement().extracting(PendingReplica::reason)
                .isEqualTo("0/1 nodes available: 1 insufficient cpu");
    }

    @Test
    void newReplicaIdsContinueAfterRestoredOnes() {
        Scheduler.Restored r = Scheduler.restore(SchedulerConfig.defaults(), List.of(node("a", 4000, 4000)),
                Map.of(), List.of(wl("w", 2, 100, 100).build()), List.of(new Binding("w", 7, "a")));
        assertThat(r.scheduler().state().workload("w").orElseThrow().pending()).extracting(PendingReplica::replica)
                .containsExactly(8);
    }

    /**
     * The restart that follows what the service stores: specs with the desired count, admitted counts, bindings, and
     * each job's progress.
     */
    static Scheduler.Restored restart(Scheduler s) {
        List<Node> nodes = s.state().nodes().stream().map(NodeStatus::node).toList();
        List<Workload> workloads = s.state().workloads().stream().map(WorkloadStatus::workload).toList();
        Map<String, Integer> admitted = new HashMap<>();
        Map<String, JobProgress> jobs = new HashMap<>();
        s.state().workloads().forEach(w -> {
            admitted.put(w.workload().name(), w.admittedReplicas());
            if (w.job() != null) {
                jobs.put(w.workload().name(), w.job());
            }
        });
        return Scheduler.restore(s.config(), nodes, s.state().quotas(), workloads, admitted, s.state().bindings(),
                jobs);
    }

    @Test
    void restartKeepsRunningReplicasBoundAndRequeuesOnlyAScaleUpWaitingForQuota() {
        Scheduler s = scheduler(node("a", 8000, 8192), node("b", 8000, 8192));
        s.setQuota("p", Quota.of(4000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("api", 2, 1000, 100).build());
        s.submit(wl("batch", 2, 1000, 100).build());
        assertThat(s.scale("api", 4).admissions()).extracting(Admission::decision)
                .containsExactly(Admission.Decision.QUEUED);
        List<Binding> before = s.state().bindings();
        assertThat(before).hasSize(4);

        Scheduler.Restored r = restart(s);
        assertThat(r.problems()).isEmpty();
        ClusterState back = r.scheduler().state();
        assertThat(back.bindings()).containsExactlyInAnyOrderElementsOf(before);
        WorkloadStatus api = back.workload("api").orElseThrow();
        assertThat(api.workload().replicas()).isEqualTo(4);
        assertThat(api.admittedReplicas()).isEqualTo(2);
        assertThat(api.queued()).isTrue();
        assertThat(api.pending()).isEmpty();
        assertThat(back.quotaUsage("p")).isEqualTo(Resources.of(4000, 400, 0));
        // a retry changes nothing: the scale-up still does not fit and nothing running is touched
        ScheduleResult retry = r.scheduler().retryPending();
        assertThat(retry.placements()).isEmpty();
        assertThat(retry.evictions()).isEmpty();
        assertThat(back.bindings()).containsExactlyInAnyOrderElementsOf(before);
        // freeing quota admits the queued scale-up, as it would have before the restart
        ScheduleResult freed = r.scheduler().delete("batch");
        assertThat(freed.placements()).extracting(Placement::workload).containsExactly("api", "api");
        assertThat(back.workload("api").orElseThrow().bindings()).hasSize(4)
                .containsAll(before.stream().filter(b -> b.workload().equals("api")).toList());
        assertThat(back.quotaUsage("p")).isEqualTo(Resources.of(4000, 400, 0));
    }

    @Test
    void restartKeepsRunningReplicasOfAQuotaLoweredBelowUsage() {
        Scheduler s = scheduler(node("a", 8000, 8192));
        s.setQuota("p", Quota.of(4000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("api", 3, 1000, 100).build());
        s.setQuota("p", Quota.of(1000, 8192, 0, Quota.QuotaPolicy.QUEUE)); // evicts nothing, blocks new admissions
        Scheduler.Restored r = restart(s);
        assertThat(r.problems()).isEmpty();
        assertThat(r.scheduler().state().bindings()).containsExactlyInAnyOrderElementsOf(s.state().bindings())
                .hasSize(3);
        assertThat(r.scheduler().submit(wl("more", 1, 100, 100).build()).admissions()).extracting(
                Admission::decision).containsExactly(Admission.Decision.QUEUED);
    }

    @Test
    void withoutStoredAdmittedCountsBoundReplicasStayAndOnlyWhatDoesNotFitIsQueued() {
        Scheduler s = scheduler(node("a", 8000, 8192));
        s.setQuota("p", Quota.of(3000, 8192, 0, Quota.QuotaPolicy.QUEUE));
        s.submit(wl("api", 2, 1000, 100).build());
        s.submit(wl("small", 1, 1000, 100).nodeSelector("gpu", "yes").build()); // admitted, pending
        s.scale("api", 4);
        List<Node> nodes = s.state().nodes().stream().map(NodeStatus::node).toList();
        List<Workload> workloads = s.state().workloads().stream().map(WorkloadStatus::workload).toList();

        Scheduler.Restored r = Scheduler.restore(s.config(), nodes, s.state().quotas(), workloads,
                s.state().bindings());
        ClusterState back = r.scheduler().state();
        assertThat(back.bindings()).containsExactlyInAnyOrderElementsOf(s.state().bindings()).hasSize(2);
        assertThat(back.workload("api").orElseThrow().admittedReplicas()).isEqualTo(2);
        assertThat(back.workload("small").orElseThrow().admittedReplicas()).isEqualTo(1);
        assertThat(back.quotaUsage("p").cpuMillis()).isEqualTo(3000);
        assertThat(r.problems()).containsExactly("workload api: admitted count not stored; its 2 bound replica(s)"
                + " kept and 2 more queued for quota");
    }
}
