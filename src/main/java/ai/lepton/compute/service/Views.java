package ai.lepton.compute.service;

import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.api.PlacementExplanation;
import ai.lepton.compute.scheduler.Binding;
import ai.lepton.compute.scheduler.ClusterState;
import ai.lepton.compute.scheduler.Eviction;
import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeStatus;
import ai.lepton.compute.scheduler.ScoreBreakdown;
import java.util.Locale;

/** Scheduler records to API views. */
final class Views {

    private Views() {
    }

    static NodeView node(ClusterState state, NodeStatus st) {
        Node n = st.node();
        return new NodeView(n.name(), n.kind().wireName(), n.region(), n.zone(), n.site(), Specs.view(n.capacity()),
                Specs.view(n.allocatable()), Specs.view(st.allocated()), n.labels(), n.taints().stream()
                        .map(t -> new NodeSpec.Taint(t.key(), t.value(), t.effect().wireName())).toList(),
                n.costPerHour(), new NodeSpec.Power(n.power().idleWatts(), n.power().maxWatts()),
                n.state().wireName(), state.bindingsOn(n.name()).stream().map(Views::ref).toList());
    }

    static NodeView.ReplicaRef ref(Binding b) {
        return new NodeView.ReplicaRef(project(b.workload()), shortName(b.workload()), b.replica(), b.node());
    }

    static PlacementExplanation explanation(ScoreBreakdown b) {
        if (b == null) {
            return null;
        }
        return new PlacementExplanation(b.nodes(), b.feasible(), b.preemption(), b.top().stream()
                .map(n -> new PlacementExplanation.Candidate(n.node(), round(n.total()), n.plugins().stream()
                        .map(p -> new PlacementExplanation.PluginScore(p.plugin(), round(p.score()), p.weight()))
                        .toList()))
                .toList());
    }

    static String cause(Eviction.Cause c) {
        return c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The project of a scheduler workload name {@code project/name}. */
    static String project(String qualified) {
        int i = qualified.indexOf('/');
        return i < 0 ? "" : qualified.substring(0, i);
    }

    /** The workload name within its project. */
    static String shortName(String qualified) {
        return qualified.substring(qualified.indexOf('/') + 1);
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
