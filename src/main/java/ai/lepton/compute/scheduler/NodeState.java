package ai.lepton.compute.scheduler;

/**
 * A node's condition as the scheduler sees it. Only {@link #READY} nodes accept new replicas; replicas already bound
 * to a node in another state stay where they are until drained, evicted or deleted.
 */
public enum NodeState {
    /** Healthy and schedulable. */
    READY("Ready"),
    /** The agent does not report (missed heartbeats); unschedulable. */
    NOT_READY("NotReady"),
    /** Marked unschedulable by an operator or a policy; running replicas stay. */
    CORDONED("Cordoned"),
    /** Unschedulable and being (or having been) emptied by {@link Scheduler#drain(String)}. */
    DRAINING("Draining");

    private final String wire;

    NodeState(String wire) {
        this.wire = wire;
    }

    /** Kubernetes-style name: {@code Ready}, {@code NotReady}, {@code Cordoned}, {@code Draining}. */
    public String wireName() {
        return wire;
    }

    /** Parses a wire name, case-insensitively. */
    public static NodeState fromWire(String s) {
        for (NodeState v : values()) {
            if (v.wire.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown node state: " + s);
    }

    /** Whether new replicas may be bound to a node in this state. */
    public boolean schedulable() {
        return this == READY;
    }
}
