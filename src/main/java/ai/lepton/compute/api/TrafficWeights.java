package ai.lepton.compute.api;

import java.util.List;

/**
 * How a deployment's traffic is split over its placed replicas (water-filling).
 *
 * @param project project
 * @param workload workload
 * @param demand the demand split, in replica-load units
 * @param level the common water level (1 when saturated)
 * @param served the demand placed
 * @param unserved the demand the replicas cannot take
 * @param replicas each placed replica and its weight λ; the weights sum to 1
 */
public record TrafficWeights(String project, String workload, double demand, double level, double served,
        double unserved, List<Weight> replicas) {

    /**
     * One replica's share.
     *
     * @param replica replica id
     * @param node its node
     * @param weight λ, in [0, 1]
     */
    public record Weight(int replica, String node, double weight) {
    }
}
