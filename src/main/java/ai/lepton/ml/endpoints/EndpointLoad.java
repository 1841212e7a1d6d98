package ai.lepton.ml.endpoints;

import ai.lepton.compute.api.TrafficWeights;
import ai.lepton.ml.serve.LoadGauge;
import ai.lepton.ml.serve.WeightedRoundRobin;
import io.micrometer.core.instrument.Counter;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * An endpoint's load and routing in this process: its in-flight gauge, the compute deployment it runs on (if any)
 * and the table that spreads its requests over that deployment's replicas by the traffic allocation weights.
 * Outlives redeploys, so requests that finish on a replaced deployment still end on the same gauge.
 */
final class EndpointLoad {

    /**
     * One replica requests are routed to.
     *
     * @param replica replica id in the workload
     * @param node the node it is placed on
     * @param weight its allocation weight λ
     * @param requests requests routed to it (a Micrometer counter, kept across routing updates)
     */
    record Target(int replica, String node, double weight, Counter requests) {
    }

    /** A routing table: the deployment's placed replicas and the chooser over them. */
    record Routing(WeightedRoundRobin<Target> chooser) {

        List<Target> targets() {
            return chooser.targets();
        }

        boolean same(List<TrafficWeights.Weight> replicas, int[] weights) {
            List<Target> t = targets();
            if (t.size() != replicas.size() || !Arrays.equals(chooser.weights(), weights)) {
                return false;
            }
            for (int i = 0; i < t.size(); i++) {
                if (t.get(i).replica() != replicas.get(i).replica() || !t.get(i).node().equals(replicas.get(i).node())) {
                    return false;
                }
            }
            return true;
        }
    }

    final String project;
    final String endpoint;
    final LoadGauge gauge = new LoadGauge();
    /** The compute deployment the endpoint runs on; null: none. */
    volatile String workload;
    /** Null while the endpoint has no workload or its workload has no placed replica. */
    volatile Routing routing;

    EndpointLoad(String project, String endpoint) {
        this.project = project;
        this.endpoint = endpoint;
    }

    /** The replica the next request goes to, with its counter incremented; null when there is none to choose. */
    Target route() {
        Routing r = routing;
        if (r == null) {
            return null;
        }
        Target t = r.chooser().next();
        t.requests().increment();
        return t;
    }

    /**
     * Installs the weights (in the order of {@code replicas}); keeps the current table, and so its position in the
     * cycle, when the replicas and rounded weights have not changed.
     *
     * @param counter the request counter of a replica, by target (the same counter for the same replica and node)
     */
    void update(List<TrafficWeights.Weight> replicas, Function<TrafficWeights.Weight, Counter> counter) {
        if (replicas.isEmpty()) {
            routing = null;
            return;
        }
        List<Double> w = replicas.stream().map(TrafficWeights.Weight::weight).toList();
        Routing current = routing;
        if (current != null && current.same(replicas, WeightedRoundRobin.integerWeights(w))) {
            return;
        }
        List<Target> targets = replicas.stream().map(r -> new Target(r.replica(), r.node(), r.weight(),
                counter.apply(r))).toList();
        routing = new Routing(new WeightedRoundRobin<>(targets, w));
    }
}
