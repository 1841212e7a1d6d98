package ai.lepton.compute.scheduler;

import java.util.Locale;

/** Where a node runs. */
public enum NodeKind {
    CLOUD, DATACENTER, EDGE;

    /** The lower-case name used on the wire and in the {@code kind} node label. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively. */
    public static NodeKind fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
