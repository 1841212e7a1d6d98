package ai.lepton.compute.api;

import java.util.List;
import java.util.Map;

/**
 * A node to register.
 *
 * @param name unique node name (lower-case letters, digits, hyphens)
 * @param kind {@code cloud}, {@code datacenter} or {@code edge}
 * @param region region, may be empty
 * @param zone zone (a failure domain), may be empty
 * @param site site (a location, for latency scoring), may be empty
 * @param capacity total resources
 * @param allocatable what replicas may use; null means the capacity
 * @param labels user labels
 * @param taints taints
 * @param costPerHour price of the node per hour
 * @param power power model
 */
public record NodeSpec(String name, String kind, String region, String zone, String site, ResourceSpec capacity,
        ResourceSpec allocatable, Map<String, String> labels, List<Taint> taints, Double costPerHour, Power power) {

    /**
     * A taint.
     *
     * @param key key
     * @param value value, may be empty
     * @param effect {@code NoSchedule}, {@code PreferNoSchedule} or {@code NoExecute}
     */
    public record Taint(String key, String value, String effect) {
    }

    /**
     * A linear power model.
     *
     * @param idleWatts draw when powered but idle
     * @param maxWatts draw at full utilisation
     */
    public record Power(Double idleWatts, Double maxWatts) {
    }
}
