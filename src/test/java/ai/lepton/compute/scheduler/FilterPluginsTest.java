package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterPluginsTest {

    @Test
    void resourcesFitChecksCpuMemoryAndGpus() {
        Scheduler s = scheduler(node("cpu", 4000, 16384), nb("gpu", 4000, 16384).capacity(4000, 16384, 2, "H100")
                .build());
        assertThat(nodesOf(s.submit(wl("g", 1, 1000, 1024).resources(Resources.of(1000, 1024, 2)).build())))
                .containsExactly("gpu");
        PendingReplica p = s.submit(wl("g2", 1, 1000, 1024).resources(Resources.of(1000, 1024, 1)).build())
                .pending().get(0);
        assertThat(p.reason()).isEqualTo("0/2 nodes available: 2 insufficient gpus");
        assertThat(s.submit(wl("m", 1, 100, 20000).build()).pending().get(0).reason())
                .isEqualTo("0/2 nodes available: 2 insufficient memory");
    }

    @Test
    void gpuModelActsAsASelector() {
        Scheduler s = scheduler(nb("a100", 4000, 16384).capacity(4000, 16384, 4, "A100").build(),
                nb("h100", 4000, 16384).capacity(4000, 16384, 4, "H100").build());
        ScheduleResult r = s.submit(wl("w", 2, 100, 100).resources(new Resources(100, 100, 1, "H100")).build());
        assertThat(nodesOf(r)).containsOnly("h100");
        ScheduleResult none = s.submit(wl("x", 1, 100, 100).resources(new Resources(100, 100, 1, "L4")).build());
        assertThat(none.pending().get(0).reason())
                .isEqualTo("0/2 nodes available: 2 node(s) didn't match node selector");
    }

    @Test
    void unschedulableStatesAreFilteredButReadyIsNot() {
        Scheduler s = scheduler(nb("c", 4000, 4096).state(NodeState.CORDONED).build(),
                nb("d", 4000, 4096).state(NodeState.DRAINING).build(),
                nb("n", 4000, 4096).state(NodeState.NOT_READY).build());
        assertThat(s.submit(wl("w", 1, 100, 100).build()).pending().get(0).reason())
                .isEqualTo("0/3 nodes available: 3 node(s) unschedulable");
        ScheduleResult r = s.setNodeState("n", NodeState.READY);
        assertThat(nodesOf(r)).containsExactly("n");
    }

    @Test
    void nodeSelectorMatchesUserAndWellKnownLabels() {
        Scheduler s = scheduler(nb("a", 4000, 4096).zone("z1").label("disk", "ssd").build(),
                nb("b", 4000, 4096).zone("z2").label("disk", "ssd").build(),
                nb("c", 4000, 4096).zone("z2").label("disk", "hdd").build());
        assertThat(nodesOf(s.submit(wl("w", 1, 100, 100).nodeSelector("disk", "ssd").nodeSelector("zone", "z2")
                .build()))).containsExactly("b");
        assertThat(nodesOf(s.submit(wl("h", 1, 100, 100).nodeSelector("hostname", "c").build())))
                .containsExactly("c");
    }

    @Test
    void wellKnownLabelsWinOverUserLabels() {
        Node n = nb("a", 1000, 1000).zone("z1").label("zone", "z9").build();
        assertThat(n.effectiveLabels()).containsEntry("zone", "z1").containsEntry("hostname", "a")
                .containsEntry("kind", "cloud");
    }

    @Test
    void requiredAffinityOperatorsFollowKubeSemantics() {
        Map<String, String> l = Map.of("tier", "gold", "cores", "16");
        assertThat(MatchExpression.in("tier", "gold", "silver").matches(l)).isTrue();
        assertThat(MatchExpression.in("tier", "silver").matches(l)).isFalse();
        assertThat(MatchExpression.notIn("tier", "silver").matches(l)).isTrue();
        assertThat(MatchExpression.notIn("missing", "x").matches(l)).as("NotIn matches an absent label").isTrue();
        assertThat(MatchExpression.exists("tier").matches(l)).isTrue();
        assertThat(MatchExpression.doesNotExist("tier").matches(l)).isFalse();
        assertThat(MatchExpression.gt("cores", 8).matches(l)).isTrue();
        assertThat(MatchExpression.gt("cores", 16).matches(l)).isFalse();
        assertThat(MatchExpression.lt("cores", 17).matches(l)).isTrue();
        assertThat(MatchExpression.gt("tier", 1).matches(l)).as("not an integer").isFalse();
        assertThat(new NodeSelectorTerm(java.util.List.of()).matches(l)).as("empty term matches nothing").isFalse();
        assertThatThrownBy(() -> new MatchExpression("k", MatchExpression.Operator.GT, java.util.List.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requiredAffinityIsAnOrOfAnds() {
        Scheduler s = scheduler(nb("a", 4000, 4096).label("tier", "gold").label("cores", "8").build(),
                nb("b", 4000, 4096).label("tier", "gold").label("cores", "32").build(),
                nb("c", 4000, 4096).label("tier", "bronze").label("cores", "64").build(),
                nb("d", 4000, 4096).label("tier", "bronze").build());
        // (gold AND cores > 16) OR (no cores label)
        Workload w = wl("w", 4, 3000, 100).required(MatchExpression.in("tier", "gold"), MatchExpression.gt("cores", 16))
                .required(MatchExpression.doesNotExist("cores")).build();
        ScheduleResult r = s.submit(w);
        assertThat(nodesOf(r)).containsExactlyInAnyOrder("b", "d");
        assertThat(r.pending()).hasSize(2);
        Workload notIn = wl("n", 8, 100, 100).required(MatchExpression.notIn("tier", "gold"),
                MatchExpression.lt("cores", 100)).build();
        assertThat(nodesOf(s.submit(notIn))).containsOnly("c");
    }

    @Test
    void tolerationsFollowKubeSemantics() {
        Taint t = new Taint("gpu", "true", TaintEffect.NO_SCHEDULE);
        assertThat(Toleration.equal("gpu", "true", TaintEffect.NO_SCHEDULE).tolerates(t)).isTrue();
        assertThat(Toleration.equal("gpu", "false", TaintEffect.NO_SCHEDULE).tolerates(t)).isFalse();
        assertThat(Toleration.equal("gpu", "true", null).tolerates(t)).as("no effect: all effects").isTrue();
        assertThat(Toleration.equal("gpu", "true", TaintEffect.NO_EXECUTE).tolerates(t)).isFalse();
        assertThat(Toleration.exists("gpu", null).tolerates(t)).isTrue();
        assertThat(Toleration.exists("other", null).tolerates(t)).isFalse();
        assertThat(Toleration.everything().tolerates(t)).isTrue();
        assertThat(new Toleration(null, Toleration.Operator.EXISTS, "", TaintEffect.NO_EXECUTE).tolerates(t))
                .as("key-less Exists limited to one effect").isFalse();
        assertThatThrownBy(() -> new Toleration(null, Toleration.Operator.EQUAL, "x", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void taintsKeepOutReplicasThatDoNotTolerateThem() {
        Scheduler s = scheduler(nb("gpu", 4000, 4096).taint("gpu", "true", TaintEffect.NO_SCHEDULE).build(),
                nb("exec", 4000, 4096).taint("edge", "", TaintEffect.NO_EXECUTE).build(),
                nb("soft", 100, 4096).taint("spot", "", TaintEffect.PREFER_NO_SCHEDULE).build());
        assertThat(nodesOf(s.submit(wl("plain", 1, 100, 10).build()))).as("PreferNoSchedule does not filter")
                .containsExactly("soft");
        assertThat(s.submit(wl("plain2", 1, 100, 10).build()).pending().get(0).reason())
                .isEqualTo("0/3 nodes available: 2 untolerated taint, 1 insufficient cpu");
        assertThat(nodesOf(s.submit(wl("t", 1, 100, 10).toleration(Toleration.equal("gpu", "true",
                TaintEffect.NO_SCHEDULE)).build()))).containsExactly("gpu");
        assertThat(nodesOf(s.submit(wl("e", 1, 100, 10).toleration(Toleration.exists("edge", TaintEffect.NO_EXECUTE))
                .build()))).containsExactly("exec");
    }

    @Test
    void antiAffinityKeepsReplicasApartPerTopologyKey() {
        Scheduler s = scheduler(nb("a1", 8000, 8192).zone("a").site("x").build(),
                nb("a2", 8000, 8192).zone("a").site("x").build(),
                nb("b1", 8000, 8192).zone("b").site("x").build(),
                nb("c1", 8000, 8192).zone("c").site("y").build());
        ScheduleResult host = s.submit(wl("host", 5, 100, 10).antiAffinity(TopologyKey.HOSTNAME).build());
        assertThat(nodesOf(host)).containsExactlyInAnyOrder("a1", "a2", "b1", "c1");
        assertThat(host.pending()).hasSize(1);
        ScheduleResult zone = s.submit(wl("zone", 4, 100, 10).antiAffinity(TopologyKey.ZONE).build());
        assertThat(zone.placements()).hasSize(3);
        assertThat(zone.placements().stream().map(p -> p.node().substring(0, 1)).distinct()).hasSize(3);
        ScheduleResult site = s.submit(wl("site", 3, 100, 10).antiAffinity(TopologyKey.SITE).build());
        assertThat(site.placements()).hasSize(2);
        assertThat(site.pending().get(0).reason())
                .isEqualTo("0/4 nodes available: 4 didn't match pod anti-affinity rules");
    }

    @Test
    void topologySpreadKeepsZonesWithinMaxSkew() {
        Scheduler s = scheduler(nb("a1", 8000, 8192).zone("a").build(), nb("a2", 8000, 8192).zone("a").build(),
                nb("b1", 8000, 8192).zone("b").build(), nb("c1", 8000, 8192).zone("c").build());
        ScheduleResult r = s.submit(wl("w", 7, 100, 10).spread(TopologyKey.ZONE, 1).build());
        assertThat(r.placements()).hasSize(7);
        Map<String, Long> perZone = zoneCounts(r);
        assertThat(perZone.values()).containsExactlyInAnyOrder(3L, 2L, 2L);

        ScheduleResult skew2 = s.submit(wl("w2", 5, 100, 10).nodeSelector("zone", "a").spread(TopologyKey.ZONE, 1)
                .build());
        assertThat(skew2.placements()).as("domains outside the selector are not eligible").hasSize(5);
    }

    @Test
    void topologySpreadBlocksAFullZoneFromRunningAhead() {
        Scheduler s = scheduler(nb("a1", 8000, 8192).zone("a").build(), nb("b1", 250, 8192).zone("b").build());
        ScheduleResult r = s.submit(wl("w", 7, 100, 10).spread(TopologyKey.ZONE, 2).build());
        // b holds 2 (cpu), so a may hold at most 4
        assertThat(zoneCounts(r)).containsEntry("a", 4L).containsEntry("b", 2L);
        assertThat(r.pending()).singleElement().extracting(PendingReplica::reason).isEqualTo(
                "0/2 nodes available: 1 didn't match topology spread constraints, 1 insufficient cpu");
    }

    @Test
    void topologySpreadRejectsHostnameKey() {
        assertThatThrownBy(() -> new TopologySpread(TopologyKey.HOSTNAME, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TopologyKey.fromWire("topology.kubernetes.io/zone")).isEqualTo(TopologyKey.ZONE);
        assertThat(TopologyKey.fromWire("node")).isEqualTo(TopologyKey.HOSTNAME);
    }

    private static Map<String, Long> zoneCounts(ScheduleResult r) {
        return r.placements().stream().collect(java.util.stream.Collectors.groupingBy(
                p -> p.node().substring(0, 1), java.util.stream.Collectors.counting()));
    }
}
