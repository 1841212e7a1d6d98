package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScorePluginsTest {

    @Test
    void binpackPrefersTheFullerNodeAndSpreadTheEmptier() {
        Scheduler bin = scheduler(node("a", 4000, 4096), node("b", 4000, 4096));
        bin.submit(wl("first", 1, 2000, 2048).nodeSelector("hostname", "b").build());
        assertThat(nodesOf(bin.submit(wl("w", 1, 500, 512).build()))).containsExactly("b");

        Scheduler spread = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.SPREAD),
                node("a", 4000, 4096), node("b", 4000, 4096));
        spread.submit(wl("first", 1, 2000, 2048).nodeSelector("hostname", "b").build());
        assertThat(nodesOf(spread.submit(wl("w", 3, 500, 512).build()))).containsExactly("a", "a", "a");
    }

    @Test
    void binpackScoreIsTheMeanAllocatedFractionAfterPlacement() {
        Scheduler s = scheduler(nb("g", 4000, 4096).capacity(4000, 4096, 4, "H100").build());
        Placement p = s.submit(wl("w", 1, 1000, 2048).resources(Resources.of(1000, 2048, 1)).build()).placements()
                .get(0);
        // (0.25 + 0.5 + 0.25) / 3
        assertThat(p.explanation().top().get(0).plugins().get(0).score()).isCloseTo(100.0 / 3, within(1e-9));
    }

    @Test
    void costPrefersTheCheapestSliceNotTheCheapestNode() {
        Scheduler s = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.COST),
                nb("small-cheap", 1000, 8192).costPerHour(2).build(),
                nb("big-pricier", 8000, 65536).costPerHour(4).build(),
                nb("big-dear", 8000, 65536).costPerHour(40).build());
        // 500m: small 2 × 0.5 = 1.0/h, big 4 × 0.0625 = 0.25/h, dear 40 × 0.0625 = 2.5/h
        Placement p = s.submit(wl("w", 1, 500, 512).build()).placements().get(0);
        assertThat(p.node()).isEqualTo("big-pricier");
        assertThat(p.explanation().top()).extracting(NodeScore::node)
                .containsExactly("big-pricier", "small-cheap", "big-dear");
        assertThat(p.explanation().top().get(2).total()).isCloseTo(0, within(1e-9));
        assertThat(p.explanation().top().get(0).total()).isCloseTo(100 * (1 - 0.25 / 2.5), within(1e-9));
    }

    @Test
    void energyPrefersPoweredBusyNodesOverWakingIdleOnes() {
        Scheduler s = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.ENERGY),
                nb("busy", 4000, 8192).power(100, 300).build(),
                nb("empty-efficient", 4000, 8192).power(50, 150).build());
        s.submit(wl("resident", 1, 1000, 512).nodeSelector("hostname", "busy").build());
        // busy: 200 W × 0.25 = 50 W; empty: 50 W idle + 100 W × 0.25 = 75 W
        Placement p = s.submit(wl("w", 1, 1000, 512).build()).placements().get(0);
        assertThat(p.node()).isEqualTo("busy");
        assertThat(p.explanation().top().get(0).plugins().get(0).plugin()).isEqualTo("Energy");
    }

    @Test
    void energyAmongIdleNodesWakesTheOneWithTheLowestDraw() {
        Scheduler s = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.ENERGY),
                nb("hungry", 4000, 8192).power(200, 400).build(), nb("frugal", 4000, 8192).power(60, 260).build());
        assertThat(nodesOf(s.submit(wl("w", 2, 1000, 512).build()))).containsExactly("frugal", "frugal");
    }

    @Test
    void energyMarginalWattsUseTheBusierEngine() {
        Scheduler s = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.ENERGY),
                nb("g", 4000, 8192).capacity(4000, 8192, 4, "L4").power(100, 500).build());
        s.submit(wl("a", 1, 400, 10).resources(Resources.of(400, 10, 1)).build());
        Cycle c = new Cycle(s.state(), s.config());
        WorkloadEntry w = new WorkloadEntry(wl("b", 1, 400, 10).resources(Resources.of(400, 10, 1)).build(), 99);
        c.begin(w);
        // gpu goes 0.25 -> 0.5 (cpu 0.1 -> 0.2): 400 W × 0.25 = 100 W, node already powered
        assertThat(EnergyScore.marginalWatts(c, 0)).isCloseTo(100, within(1e-9));
    }

    @Test
    void latencyPrefersTheNearestSiteToTheData() {
        LatencyMatrix m = LatencyMatrix.builder().rtt("lab", "near", 5).rtt("lab", "far", 50).build();
        Scheduler s = scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.LATENCY).withLatency(m),
                nb("far-1", 4000, 4096).site("far").build(), nb("near-1", 4000, 4096).site("near").build(),
                nb("unknown-1", 4000, 4096).site("mars").build());
        Placement p = s.submit(wl("w", 1, 100, 100).dataSourceSite("lab").build()).placements().get(0);
        assertThat(p.node()).isEqualTo("near-1");
        assertThat(p.explanation().top()).extracting(NodeScore::node).containsExactly("near-1", "far-1",
                "unknown-1");
        assertThat(p.explanation().top().get(0).total()).isCloseTo(90, within(1e-9));
        assertThat(p.explanation().top().get(2).total()).isZero();
        s.registerNode(nb("lab-1", 4000, 4096).site("lab").build());
        assertThat(s.submit(wl("x", 1, 100, 100).dataSourceSite("lab").build()).placements().get(0).node())
                .isEqualTo("lab-1");
    }

    @Test
    void preferredAffinityOutweighsResourceScoring() {
        Scheduler s = scheduler(nb("gold", 4000, 4096).label("tier", "gold").build(),
                nb("full", 4000, 4096).label("tier", "bronze").build());
        s.submit(wl("filler", 1, 3000, 3000).nodeSelector("tier", "bronze").build());
        Placement p = s.submit(wl("w", 1, 500, 500).preferred(10, MatchExpression.in("tier", "gold")).build())
                .placements().get(0);
        assertThat(p.node()).isEqualTo("gold");
        NodeScore top = p.explanation().top().get(0);
        assertThat(top.plugins()).extracting(PluginScore::plugin).containsExactly("BinPack", "NodeAffinity");
        assertThat(top.plugins().get(1).score()).isEqualTo(100);
        assertThat(top.plugins().get(1).weight()).isEqualTo(2);
        assertThat(p.explanation().top().get(1).plugins().get(1).score()).isZero();
    }

    @Test
    void preferredWeightsAreSummedAndNormalised() {
        Scheduler s = scheduler(nb("both", 4000, 4096).label("a", "1").label("b", "1").build(),
                nb("only-a", 4000, 4096).label("a", "1").build(), nb("only-b", 4000, 4096).label("b", "1").build());
        Placement p = s.submit(wl("w", 1, 100, 100).preferred(30, MatchExpression.exists("a"))
                .preferred(10, MatchExpression.exists("b")).build()).placements().get(0);
        assertThat(p.explanation().top()).extracting(NodeScore::node).containsExactly("both", "only-a", "only-b");
        assertThat(p.explanation().top().get(1).plugins().get(1).score()).isCloseTo(75, within(1e-9));
    }

    @Test
    void preferNoScheduleTaintsAreAvoidedWhenThereIsAChoice() {
        Scheduler s = scheduler(nb("spot", 4000, 4096).taint("spot", "", TaintEffect.PREFER_NO_SCHEDULE).build(),
                node("ondemand", 4000, 4096));
        s.submit(wl("filler", 1, 3000, 100).nodeSelector("hostname", "spot").toleration(Toleration.everything())
                .build());
        Placement p = s.submit(wl("w", 1, 100, 100).build()).placements().get(0);
        assertThat(p.node()).isEqualTo("ondemand");
        assertThat(p.explanation().top().get(0).plugins()).extracting(PluginScore::plugin)
                .containsExactly("BinPack", "TaintToleration");
        Placement tolerant = s.submit(wl("t", 1, 100, 100).toleration(Toleration.exists("spot", null)).build())
                .placements().get(0);
        assertThat(tolerant.node()).as("tolerated: binpack decides").isEqualTo("spot");
    }

    @Test
    void breakdownListsTheTopKBestFirstWithTiesToTheEarlierNode() {
        Scheduler s = scheduler(SchedulerConfig.defaults().withExplainTopK(2), node("a", 4000, 4096),
                node("b", 4000, 4096), node("c", 4000, 4096));
        ScoreBreakdown e = s.submit(wl("w", 1, 100, 100).build()).placements().get(0).explanation();
        assertThat(e.nodes()).isEqualTo(3);
        assertThat(e.feasible()).isEqualTo(3);
        assertThat(e.top()).extracting(NodeScore::node).containsExactly("a", "b");
        assertThat(e.preemption()).isFalse();
    }

    @Test
    void aWorkloadCanOverrideTheDefaultStrategy() {
        Scheduler s = scheduler(node("a", 4000, 4096), node("b", 4000, 4096));
        s.submit(wl("first", 1, 2000, 2048).nodeSelector("hostname", "b").build());
        Placement p = s.submit(wl("w", 1, 100, 100).strategy(ScoringStrategy.SPREAD).build()).placements().get(0);
        assertThat(p.node()).isEqualTo("a");
        assertThat(p.explanation().top().get(0).plugins().get(0).plugin()).isEqualTo("Spread");
    }
}
