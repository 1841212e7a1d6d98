package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreemptionTest {

    @Test
    void higherPriorityEvictsLowerAndTheVictimIsRequeued() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("batch", 4, 1000, 100).priority(Priorities.LOW).build());
        ScheduleResult r = s.submit(wl("web", 1, 1000, 100).priority(Priorities.HIGH).build());
        assertThat(r.placements()).singleElement().satisfies(p -> {
            assertThat(p.node()).isEqualTo("a");
            assertThat(p.explanation().preemption()).isTrue();
        });
        assertThat(r.evictions()).singleElement().satisfies(e -> {
            assertThat(e.workload()).isEqualTo("batch");
            assertThat(e.cause()).isEqualTo(Eviction.Cause.PREEMPTED);
            assertThat(e.detail()).isEqualTo("preempted by web/0 (priority 1000)");
        });
        assertThat(r.pending()).singleElement().satisfies(p -> {
            assertThat(p.workload()).isEqualTo("batch");
            assertThat(p.reason()).isEqualTo("0/1 nodes available: 1 insufficient cpu");
        });
        assertThat(s.state().pending()).hasSize(1);
    }

    @Test
    void anEvictedReplicaIsPlacedElsewhereInTheSameCallWhenThereIsRoom() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("batch", 2, 1000, 100).priority(Priorities.LOW).toleration(Toleration.exists("spot", null))
                .build());
        s.registerNode(nb("b", 1000, 4096).taint("spot", "", TaintEffect.NO_SCHEDULE).build());
        ScheduleResult r = s.submit(wl("web", 1, 1000, 100).priority(Priorities.HIGH).build());
        assertThat(r.evictions()).singleElement().extracting(Eviction::workload).isEqualTo("batch");
        assertThat(r.placements()).extracting(Placement::workload, Placement::node)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("web", "a"),
                        org.assertj.core.groups.Tuple.tuple("batch", "b"));
        assertThat(r.pending()).isEmpty();
    }

    @Test
    void preemptsNothingWhenAFreeNodeFits() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("batch", 2, 1000, 100).priority(Priorities.LOW).build());
        s.registerNode(node("b", 1000, 4096));
        ScheduleResult r = s.submit(wl("web", 1, 1000, 100).priority(Priorities.HIGH).build());
        assertThat(r.evictions()).isEmpty();
        assertThat(nodesOf(r)).containsExactly("b");
    }

    @Test
    void neverEvictsEqualOrHigherPriorityOrNonPreemptible() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("peer", 1, 1000, 100).priority(500).build());
        s.submit(wl("guarded", 1, 1000, 100).priority(-5).preemptible(false).build());
        ScheduleResult r = s.submit(wl("w", 1, 1000, 100).priority(500).build());
        assertThat(r.evictions()).isEmpty();
        assertThat(r.pending()).singleElement().extracting(PendingReplica::reason)
                .isEqualTo("0/1 nodes available: 1 insufficient cpu");
    }

    @Test
    void evictsTheFewestVictimsNeededOnANode() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("small", 2, 500, 100).priority(0).build());
        s.submit(wl("big", 1, 3000, 100).priority(0).build());
        ScheduleResult r = s.submit(wl("w", 1, 2000, 100).priority(100).build());
        assertThat(r.evictions()).extracting(Eviction::workload).containsExactly("big");
    }

    @Test
    void reprievesHigherPriorityVictimsFirst() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("mid", 1, 1000, 100).priority(50).build());
        s.submit(wl("low", 1, 1000, 100).priority(10).build());
        s.submit(wl("fill", 1, 2000, 100).priority(60).preemptible(false).build());
        ScheduleResult r = s.submit(wl("w", 1, 1000, 100).priority(100).build());
        assertThat(r.evictions()).extracting(Eviction::workload).containsExactly("low");
    }

    @Test
    void picksTheNodeWithTheLowestHighestVictimPriorityThenFewestVictimsThenLowestSum() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096), node("c", 2000, 4096));
        s.submit(wl("on-a", 1, 2000, 100).priority(30).nodeSelector("hostname", "a").build());
        s.submit(wl("on-b", 2, 1000, 100).priority(20).nodeSelector("hostname", "b").build());
        s.submit(wl("on-c", 1, 2000, 100).priority(25).nodeSelector("hostname", "c").build());
        // highest victim priority: a 30, b 20, c 25 -> b, although it takes two victims
        ScheduleResult r = s.submit(wl("w", 1, 2000, 100).priority(100).build());
        assertThat(nodesOf(r)).containsExactly("b");
        assertThat(r.evictions()).hasSize(2).allMatch(e -> e.workload().equals("on-b"));

        Scheduler t = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        t.submit(wl("two", 2, 1000, 100).priority(20).nodeSelector("hostname", "a").build());
        t.submit(wl("one", 1, 2000, 100).priority(20).nodeSelector("hostname", "b").build());
        assertThat(nodesOf(t.submit(wl("w", 1, 2000, 100).priority(100).build()))).as("fewer victims")
                .containsExactly("b");

        Scheduler u = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        u.submit(wl("x", 1, 1000, 100).priority(20).nodeSelector("hostname", "a").build());
        u.submit(wl("y", 1, 1000, 100).priority(20).nodeSelector("hostname", "a").build());
        u.submit(wl("p", 1, 1000, 100).priority(20).nodeSelector("hostname", "b").build());
        u.submit(wl("q", 1, 1000, 100).priority(5).nodeSelector("hostname", "b").build());
        assertThat(nodesOf(u.submit(wl("w", 1, 2000, 100).priority(100).build()))).as("lower sum")
                .containsExactly("b");
    }

    @Test
    void doesNotPreemptWhereOnlySpreadOrAntiAffinityBlocks() {
        Scheduler s = scheduler(node("a", 4000, 4096));
        s.submit(wl("low", 1, 100, 100).priority(-100).build());
        ScheduleResult r = s.submit(wl("w", 2, 100, 100).priority(1000).antiAffinity(TopologyKey.HOSTNAME).build());
        assertThat(r.evictions()).isEmpty();
        assertThat(r.pending()).hasSize(1);
    }

    @Test
    void aGangVictimTakesItsWholeGangDown() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        s.submit(wl("gang", 2, 2000, 100).priority(0).gang(true).build());
        ScheduleResult r = s.submit(wl("w", 1, 2000, 100).priority(100).build());
        assertThat(r.evictions()).extracting(Eviction::cause)
                .containsExactlyInAnyOrder(Eviction.Cause.PREEMPTED, Eviction.Cause.GANG);
        assertThat(s.state().workload("gang").orElseThrow().bindings()).isEmpty();
        assertThat(r.pending()).hasSize(2).allMatch(p -> p.reason().startsWith("gang: 0/2 nodes available"));
    }

    @Test
    void evictionCascadesOnlyDownwards() {
        Scheduler s = scheduler(node("a", 1000, 4096), node("b", 1000, 4096));
        s.submit(wl("low", 1, 1000, 100).priority(0).nodeSelector("hostname", "b").build());
        s.submit(wl("mid", 1, 1000, 100).priority(10).nodeSelector("zone", "z1").build());
        ScheduleResult r = s.submit(wl("top", 1, 1000, 100).priority(20).nodeSelector("hostname", "a").build());
        // top evicts mid on a; mid then evicts low on b; low stays pending
        assertThat(r.evictions()).extracting(Eviction::workload).containsExactly("mid", "low");
        assertThat(nodeOf(s, "mid", 0)).isEqualTo("b");
        assertThat(r.pending()).extracting(PendingReplica::workload).containsExactly("low");
    }
}
