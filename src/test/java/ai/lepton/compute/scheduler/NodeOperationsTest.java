package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeOperationsTest {

    @Test
    void drainMovesReplicasHighestPriorityFirstAndEndsEmpty() {
        Scheduler s = scheduler(node("a", 4000, 4096), node("b", 2000, 4096));
        s.submit(wl("low", 2, 1000, 100).priority(Priorities.LOW).nodeSelector("hostname", "a").build());
        s.submit(wl("high", 2, 1000, 100).priority(Priorities.HIGH).nodeSelector("zone", "z1").build());
        assertThat(s.state().node("a").orElseThrow().replicas()).isEqualTo(4);
        ScheduleResult r = s.drain("a");
        assertThat(r.evictions()).hasSize(4).allMatch(e -> e.cause() == Eviction.Cause.DRAINED);
        assertThat(r.evictions()).extracting(Eviction::workload).startsWith("high", "high");
        assertThat(r.placements()).extracting(Placement::workload).containsExactly("high", "high");
        assertThat(nodesOf(r)).containsOnly("b");
        assertThat(r.pending()).hasSize(2).allSatisfy(p -> assertThat(p.reason())
                .isEqualTo("0/2 nodes available: 1 node(s) didn't match node selector, 1 node(s) unschedulable"));
        NodeStatus a = s.state().node("a").orElseThrow();
        assertThat(a.replicas()).isZero();
        assertThat(a.allocated()).isEqualTo(Resources.ZERO);
        assertThat(a.node().state()).isEqualTo(NodeState.DRAINING);
    }

    @Test
    void drainedReplicasMayPreemptLowerPriorityElsewhere() {
        Scheduler s = scheduler(node("a", 1000, 4096), node("b", 1000, 4096));
        s.submit(wl("low", 1, 1000, 100).priority(0).nodeSelector("hostname", "b").build());
        s.submit(wl("high", 1, 1000, 100).priority(100).build());
        ScheduleResult r = s.drain("a");
        assertThat(nodesOf(r)).containsExactly("b");
        assertThat(r.evictions()).extracting(Eviction::cause).containsExactly(Eviction.Cause.DRAINED,
                Eviction.Cause.PREEMPTED);
    }

    @Test
    void uncordonLetsPendingReplicasIn() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.cordon("a");
        assertThat(s.submit(wl("w", 1, 500, 100).build()).pending()).hasSize(1);
        ScheduleResult r = s.uncordon("a");
        assertThat(nodesOf(r)).containsExactly("a");
        assertThat(s.state().node("a").orElseThrow().node().state()).isEqualTo(NodeState.READY);
    }

    @Test
    void cordonKeepsRunningReplicas() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.submit(wl("w", 1, 500, 100).build());
        assertThat(s.cordon("a").evictions()).isEmpty();
        assertThat(s.state().node("a").orElseThrow().replicas()).isEqualTo(1);
    }

    @Test
    void removingANodeRequeuesItsReplicas() {
        Scheduler s = scheduler(node("a", 1000, 4096), node("b", 1000, 4096));
        s.submit(wl("w", 2, 1000, 100).build());
        ScheduleResult r = s.removeNode("a");
        assertThat(r.evictions()).singleElement().extracting(Eviction::cause).isEqualTo(Eviction.Cause.NODE_REMOVED);
        assertThat(r.pending()).singleElement().extracting(PendingReplica::reason)
                .isEqualTo("0/1 nodes available: 1 insufficient cpu");
        assertThat(s.state().node("a")).isEmpty();
        ScheduleResult back = s.registerNode(node("c", 1000, 4096));
        assertThat(nodesOf(back)).containsExactly("c");
    }

    @Test
    void aNewNoExecuteTaintEvictsReplicasThatDoNotTolerateIt() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("plain", 1, 100, 100).build());
        s.submit(wl("tolerant", 1, 100, 100).toleration(Toleration.exists("maintenance", null)).build());
        ScheduleResult r = s.registerNode(nb("a", 4000, 4096).taint("maintenance", "", TaintEffect.NO_EXECUTE)
                .build());
        assertThat(r.evictions()).singleElement().satisfies(e -> {
            assertThat(e.workload()).isEqualTo("plain");
            assertThat(e.cause()).isEqualTo(Eviction.Cause.NO_EXECUTE_TAINT);
        });
        assertThat(s.state().node("a").orElseThrow().replicas()).isEqualTo(1);
    }

    @Test
    void shrinkingANodeEvictsLowestPriorityUntilTheRestFits() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("low", 1, 1000, 100).priority(-100).build());
        s.submit(wl("mid", 1, 1000, 100).priority(0).build());
        s.submit(wl("high", 1, 1000, 100).priority(1000).build());
        ScheduleResult r = s.registerNode(node("a", 2000, 4096));
        assertThat(r.evictions()).extracting(Eviction::workload).containsExactly("low");
        assertThat(s.state().node("a").orElseThrow().free().cpuMillis()).isZero();
    }

    @Test
    void movingANodeToAnotherZoneMovesItsTopologyCounts() {
        Scheduler s = scheduler(nb("a", 4000, 4096).zone("z1").build(), nb("b", 4000, 4096).zone("z2").build());
        s.submit(wl("w", 1, 100, 100).antiAffinity(TopologyKey.ZONE).nodeSelector("hostname", "a").build());
        s.registerNode(nb("a", 4000, 4096).zone("z2").build());
        ScheduleResult r = s.scale("w", 2);
        assertThat(r.pending()).singleElement().extracting(PendingReplica::reason).asString()
                .contains("didn't match node selector");
        WorkloadEntry w = s.state().workloads.get("w");
        assertThat(w.count(TopologyKey.ZONE.ordinal(), s.state().zones.id("z2"))).isEqualTo(1);
        assertThat(w.count(TopologyKey.ZONE.ordinal(), s.state().zones.id("z1"))).isZero();
    }

    @Test
    void unknownNamesAreRefused() {
        Scheduler s = scheduler(node("a", 1000, 1000));
        assertThatThrownBy(() -> s.drain("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such node: nope");
        assertThatThrownBy(() -> s.delete("nope")).isInstanceOf(IllegalArgumentException.class);
        s.submit(wl("w", 1, 1, 1).build());
        assertThatThrownBy(() -> s.submit(wl("w", 1, 1, 1).build())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scaleDownRemovesPendingFirstThenNewestPlaced() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("w", 3, 1000, 100).build());
        assertThat(s.state().pending()).hasSize(1);
        s.scale("w", 2);
        assertThat(s.state().pending()).isEmpty();
        assertThat(s.state().workload("w").orElseThrow().bindings()).hasSize(2);
        s.scale("w", 1);
        assertThat(s.state().workload("w").orElseThrow().bindings()).extracting(Binding::replica)
                .containsExactly(0);
    }

    @Test
    void deletingAWorkloadLetsPendingOnesIn() {
        Scheduler s = scheduler(node("a", 1000, 4096));
        s.submit(wl("first", 1, 1000, 100).build());
        s.submit(wl("second", 1, 1000, 100).build());
        assertThat(s.delete("first").placements()).extracting(Placement::workload).containsExactly("second");
    }
}
