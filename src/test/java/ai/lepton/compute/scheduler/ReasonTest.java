package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonTest {

    @Test
    void formatsCountsLargestFirstThenAlphabetically() {
        int[] c = new int[Reason.values().length];
        c[Reason.UNTOLERATED_TAINT.ordinal()] = 20;
        c[Reason.INSUFFICIENT_CPU.ordinal()] = 30;
        assertThat(Reason.format(50, c)).isEqualTo("0/50 nodes available: 30 insufficient cpu, 20 untolerated taint");
        c[Reason.INSUFFICIENT_MEMORY.ordinal()] = 20;
        assertThat(Reason.format(70, c)).isEqualTo(
                "0/70 nodes available: 30 insufficient cpu, 20 insufficient memory, 20 untolerated taint");
    }

    @Test
    void formatsAnEmptyCluster() {
        assertThat(Reason.format(0, new int[Reason.values().length])).isEqualTo("0/0 nodes available");
    }

    @Test
    void countsEachNodeOnceUnderItsFirstFailingFilter() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            nodes.add(node("small-" + i, 500, 8192));
        }
        for (int i = 0; i < 20; i++) {
            // too small as well, but the taint filter runs first
            nodes.add(nb("tainted-" + i, 500, 8192).taint("dedicated", "ml", TaintEffect.NO_SCHEDULE).build());
        }
        Scheduler s = scheduler(nodes.toArray(Node[]::new));
        PendingReplica p = s.submit(wl("w", 1, 1000, 100).build()).pending().get(0);
        assertThat(p.reason()).isEqualTo("0/50 nodes available: 30 insufficient cpu, 20 untolerated taint");
        assertThat(p.reasonCounts()).containsEntry("insufficient cpu", 30).containsEntry("untolerated taint", 20);
    }

    @Test
    void namesEveryFilterInKubeWording() {
        Scheduler s = scheduler(
                nb("cordoned", 8000, 8192).state(NodeState.CORDONED).build(),
                nb("notready", 8000, 8192).state(NodeState.NOT_READY).build(),
                nb("other-tier", 8000, 8192).label("tier", "b").build(),
                nb("tainted", 8000, 8192).label("tier", "a").taint("k", "v", TaintEffect.NO_EXECUTE).build(),
                nb("no-cpu", 100, 8192).label("tier", "a").build(),
                nb("no-mem", 8000, 10).label("tier", "a").build(),
                nb("no-gpu", 8000, 8192).label("tier", "a").build());
        Workload w = wl("w", 1, 1000, 100).resources(Resources.of(1000, 100, 1)).nodeSelector("tier", "a").build();
        assertThat(s.submit(w).pending().get(0).reason()).isEqualTo("0/7 nodes available: 2 node(s) unschedulable, "
                + "1 insufficient cpu, 1 insufficient gpus, 1 insufficient memory, "
                + "1 node(s) didn't match node selector, 1 untolerated taint");
    }

    @Test
    void reportsAntiAffinityAndTopologySpread() {
        Scheduler s = scheduler(nb("a", 8000, 8192).zone("z1").build(), nb("b", 8000, 8192).zone("z2").build());
        ScheduleResult anti = s.submit(wl("anti", 3, 100, 10).antiAffinity(TopologyKey.HOSTNAME).build());
        assertThat(anti.placements()).hasSize(2);
        assertThat(anti.pending().get(0).reason())
                .isEqualTo("0/2 nodes available: 2 didn't match pod anti-affinity rules");

        Scheduler t = scheduler(nb("a", 8000, 8192).zone("z1").build(), nb("b", 250, 8192).zone("z2").build());
        ScheduleResult spread = t.submit(wl("spread", 6, 100, 10).spread(TopologyKey.ZONE, 1).build());
        assertThat(spread.placements()).hasSize(5);
        assertThat(spread.pending().get(0).reason()).isEqualTo(
                "0/2 nodes available: 1 didn't match topology spread constraints, 1 insufficient cpu");
    }
}
