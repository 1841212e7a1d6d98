package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A node the scheduler may place replicas on: its identity, topology, capacity, labels, taints, price, power model and
 * state. What is bound to it (allocated resources, replicas) lives in {@link ClusterState}; see {@link NodeStatus}.
 *
 * <p>Besides {@code labels}, every node carries the well-known labels {@value #LABEL_HOSTNAME}, {@value #LABEL_ZONE},
 * {@value #LABEL_SITE}, {@value #LABEL_REGION}, {@value #LABEL_KIND} and, when it has GPUs of a known model,
 * {@value #LABEL_GPU_MODEL}, taken from its fields; they win over a user label of the same key, so a node cannot claim
 * a zone by label that its field contradicts. Node selectors and affinity terms see {@link #effectiveLabels()}.
 *
 * @param name unique node name
 * @param kind cloud, data centre or edge
 * @param region region name, not null (may be empty)
 * @param zone zone name (a failure domain inside the region), not null (may be empty)
 * @param site site name (a location, used for latency scoring), not null (may be empty)
 * @param capacity total resources; {@code gpuModel} names the model of the node's GPUs
 * @param allocatable what replicas may use (capacity less what the system reserves); null means {@code capacity}
 * @param labels user labels
 * @param taints taints, in any order
 * @param costPerHour price of the whole node for one hour, in any currency used consistently, not negative
 * @param power power model
 * @param state schedulable or not
 */
public record Node(String name, NodeKind kind, String region, String zone, String site, Resources capacity,
        Resources allocatable, Map<String, String> labels, List<Taint> taints, double costPerHour, PowerModel power,
        NodeState state) {

    /** Well-known label: the node name. */
    public static final String LABEL_HOSTNAME = "hostname";
    /** Well-known label: the zone. */
    public static final String LABEL_ZONE = "zone";
    /** Well-known label: the site. */
    public static final String LABEL_SITE = "site";
    /** Well-known label: the region. */
    public static final String LABEL_REGION = "region";
    /** Well-known label: the kind ({@code cloud}, {@code datacenter}, {@code edge}). */
    public static final String LABEL_KIND = "kind";
    /** Well-known label: the GPU model, on nodes with GPUs of a named model. */
    public static final String LABEL_GPU_MODEL = "gpu-model";

    public Node {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        region = region == null ? "" : region;
        zone = zone == null ? "" : zone;
        site = site == null ? "" : site;
        Objects.requireNonNull(capacity, "capacity");
        allocatable = allocatable == null ? capacity : allocatable;
        if (!allocatable.fitsIn(capacity)) {
            throw new IllegalArgumentException("node " + name + ": allocatable " + allocatable
                    + " exceeds capacity " + capacity);
        }
        if (allocatable.gpuModel() == null && capacity.gpuModel() != null) {
            allocatable = new Resources(allocatable.cpuMillis(), allocatable.memoryMiB(), allocatable.gpus(),
                    capacity.gpuModel());
        }
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        taints = taints == null ? List.of() : List.copyOf(taints);
        if (!(costPerHour >= 0) || Double.isInfinite(costPerHour)) {
            throw new IllegalArgumentException("node " + name + ": costPerHour must be a finite number >= 0");
        }
        power = power == null ? PowerModel.UNMETERED : power;
        state = state == null ? NodeState.READY : state;
    }

    /** A builder for node {@code name}: kind cloud, no topology, no resources, ready. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder preset with this node's fields. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.kind = kind;
        b.region = region;
        b.zone = zone;
        b.site = site;
        b.capacity = capacity;
        b.allocatable = allocatable;
        b.labels.putAll(labels);
        b.taints.addAll(taints);
        b.costPerHour = costPerHour;
        b.power = power;
        b.state = state;
        return b;
    }

    /** This node in another state. */
    public Node withState(NodeState newState) {
        return new Node(name, kind, region, zone, site, capacity, allocatable, labels, taints, costPerHour, power,
                newState);
    }

    /** User labels plus the well-known labels (which win); see the class comment. */
    public Map<String, String> effectiveLabels() {
        Map<String, String> m = new HashMap<>(labels);
        m.put(LABEL_HOSTNAME, name);
        m.put(LABEL_ZONE, zone);
        m.put(LABEL_SITE, site);
        m.put(LABEL_REGION, region);
        m.put(LABEL_KIND, kind.wireName());
        if (capacity.gpus() > 0 && capacity.gpuModel() != null) {
            m.put(LABEL_GPU_MODEL, capacity.gpuModel());
        } else {
            m.remove(LABEL_GPU_MODEL);
        }
        return m;
    }

    /** Fluent construction of a {@link Node}. */
    public static final class Builder {
        private final String name;
        private NodeKind kind = NodeKind.CLOUD;
        private String region = "";
        private String zone = "";
        private String site = "";
        private Resources capacity = Resources.ZERO;
        private Resources allocatable;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private double costPerHour;
        private PowerModel power = PowerModel.UNMETERED;
        private NodeState state = NodeState.READY;

        private Builder(String name) {
            this.name = name;
        }

        public Builder kind(NodeKind v) {
            kind = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder zone(String v) {
            zone = v;
            return this;
        }

        public Builder site(String v) {
            site = v;
            return this;
        }

        public Builder capacity(Resources v) {
            capacity = v;
            return this;
        }

        public Builder capacity(long cpuMillis, long memoryMiB) {
            return capacity(Resources.of(cpuMillis, memoryMiB));
        }

        public Builder capacity(long cpuMillis, long memoryMiB, int gpus, String gpuModel) {
            return capacity(new Resources(cpuMillis, memoryMiB, gpus, gpuModel));
        }

        public Builder allocatable(Resources v) {
            allocatable = v;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> v) {
            labels.clear();
            labels.putAll(v);
            return this;
        }

        public Builder taint(String key, String value, TaintEffect effect) {
            taints.add(new Taint(key, value, effect));
            return this;
        }

        public Builder taints(List<Taint> v) {
            taints.clear();
            taints.addAll(v);
            return this;
        }

        public Builder costPerHour(double v) {
            costPerHour = v;
            return this;
        }

        public Builder power(double idleWatts, double maxWatts) {
            power = new PowerModel(idleWatts, maxWatts);
            return this;
        }

        public Builder power(PowerModel v) {
            power = v;
            return this;
        }

        public Builder state(NodeState v) {
            state = v;
            return this;
        }

        public Node build() {
            return new Node(name, kind, region, zone, site, capacity, allocatable, labels, taints, costPerHour,
                    power, state);
        }
    }
}
