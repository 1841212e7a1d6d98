package ai.lepton.compute.api;

import java.util.List;
import java.util.Map;

/**
 * A node with what is bound to it.
 *
 * @param name node name
 * @param kind cloud, datacenter or edge
 * @param region region
 * @param zone zone
 * @param site site
 * @param capacity total resources
 * @param allocatable what replicas may use
 * @param allocated what the bound replicas request together
 * @param labels user labels
 * @param taints taints
 * @param costPerHour price per hour
 * @param power power model
 * @param state {@code Ready}, {@code NotReady}, {@code Cordoned} or {@code Draining}
 * @param replicas the replicas bound to it
 */
public record NodeView(String name, String kind, String region, String zone, String site, ResourceSpec capacity,
        ResourceSpec allocatable, ResourceSpec allocated, Map<String, String> labels, List<NodeSpec.Taint> taints,
        double costPerHour, NodeSpec.Power power, String state, List<ReplicaRef> replicas) {

    /**
     * A replica of a workload.
     *
     * @param project owning project
     * @param workload workload name within the project
     * @param replica replica id, stable for the replica's life
     * @param node node name, or null while pending
     */
    public record ReplicaRef(String project, String workload, int replica, String node) {
    }
}
