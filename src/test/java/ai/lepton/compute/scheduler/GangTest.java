package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GangTest {

    @Test
    void placesAllReplicasOrNoneAndLeavesNoTrace() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        java.util.List<NodeStatus> before = s.state().nodes();
        ScheduleResult r = s.submit(wl("g", 5, 1000, 100).gang(true).build());
        assertThat(r.placements()).isEmpty();
        assertThat(r.pending()).hasSize(5).allSatisfy(p -> assertThat(p.reason())
                .isEqualTo("gang: 0/2 nodes available: 2 insufficient cpu"));
        assertThat(s.state().nodes()).isEqualTo(before);
        assertThat(nodesOf(s.submit(wl("h", 4, 1000, 100).gang(true).build()))).hasSize(4);
    }

    @Test
    void aFailedGangRestoresTheReplicasItPreempted() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        s.submit(wl("low", 2, 1000, 100).priority(0).nodeSelector("hostname", "a").build());
        ScheduleResult r = s.submit(wl("g", 5, 1000, 100).priority(100).gang(true).build());
        assertThat(r.placements()).isEmpty();
        assertThat(r.evictions()).isEmpty();
        assertThat(s.state().workload("low").orElseThrow().bindings()).hasSize(2);
    }

    @Test
    void aGangWaitsAndIsPlacedWholeWhenRoomAppears() {
        Scheduler s = scheduler(node("a", 2000, 4096));
        s.submit(wl("g", 3, 1000, 100).gang(true).build());
        ScheduleResult r = s.registerNode(node("b", 2000, 4096));
        assertThat(r.placements()).hasSize(3);
    }

    @Test
    void aGangThatLosesANodeMovesOrGoesDownWhole() {
        Scheduler s = scheduler(node("a", 2000, 4096), node("b", 2000, 4096), node("c", 2000, 4096));
        s.submit(wl("g", 4, 1000, 100).gang(true).build());
        assertThat(s.state().workload("g").orElseThrow().bindings()).hasSize(4);
        ScheduleResult moved = s.drain(nodeOf(s, "g", 0));
        assertThat(moved.pending()).isEmpty();
        assertThat(s.state().workload("g").orElseThrow().bindings()).hasSize(4);

        Scheduler t = scheduler(node("a", 2000, 4096), node("b", 2000, 4096));
        t.submit(wl("g", 4, 1000, 100).gang(true).build());
        ScheduleResult down = t.drain("a");
        assertThat(t.state().workload("g").orElseThrow().bindings()).isEmpty();
        assertThat(down.evictions()).extracting(Eviction::cause).contains(Eviction.Cause.DRAINED,
                Eviction.Cause.GANG);
        assertThat(down.pending()).hasSize(4);
    }

    @Test
    void growingAGangIsAllOrNothing() {
        Scheduler s = scheduler(node("a", 3000, 4096));
        s.submit(wl("g", 2, 1000, 100).gang(true).build());
        ScheduleResult refused = s.scale("g", 4);
        assertThat(refused.admissions()).singleElement().satisfies(a -> {
            assertThat(a.decision()).isEqualTo(Admission.Decision.UNPLACEABLE);
            assertThat(a.detail()).startsWith("gang cannot grow: 0/1 nodes available: 1 insufficient cpu");
        });
        WorkloadStatus st = s.state().workload("g").orElseThrow();
        assertThat(st.workload().replicas()).isEqualTo(2);
        assertThat(st.bindings()).hasSize(2);
        assertThat(st.pending()).isEmpty();
        assertThat(s.scale("g", 3).placements()).hasSize(1);
    }
}
