package ai.lepton.compute.scheduler;

/** What a taint does to replicas that do not tolerate it (Kubernetes semantics). */
public enum TaintEffect {
    /** New replicas that do not tolerate the taint are not placed on the node. */
    NO_SCHEDULE("NoSchedule"),
    /** The scheduler avoids the node for replicas that do not tolerate the taint, but may still use it. */
    PREFER_NO_SCHEDULE("PreferNoSchedule"),
    /** Like {@link #NO_SCHEDULE}, and replicas already on the node that do not tolerate it are evicted. */
    NO_EXECUTE("NoExecute");

    private final String wire;

    TaintEffect(String wire) {
        this.wire = wire;
    }

    /** Kubernetes spelling: {@code NoSchedule}, {@code PreferNoSchedule}, {@code NoExecute}. */
    public String wireName() {
        return wire;
    }

    /** Parses the Kubernetes spelling (or the constant name), case-insensitively. */
    public static TaintEffect fromWire(String s) {
        for (TaintEffect v : values()) {
            if (v.wire.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown taint effect: " + s);
    }
}
