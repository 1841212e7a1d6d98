package ai.lepton.compute.scheduler;

import java.util.Locale;

/** A topology domain a node belongs to, used by anti-affinity and topology spread. */
public enum TopologyKey {
    /** Each node is its own domain. */
    HOSTNAME,
    /** Nodes with the same {@link Node#zone()}. */
    ZONE,
    /** Nodes with the same {@link Node#site()}. */
    SITE,
    /** Nodes with the same {@link Node#region()}. */
    REGION;

    /** The lower-case name (equal to the well-known node label). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code hostname}, {@code node}, {@code zone}, {@code site}, {@code region}, and the Kubernetes labels
     * {@code kubernetes.io/hostname}, {@code topology.kubernetes.io/zone} and {@code topology.kubernetes.io/region}.
     */
    public static TopologyKey fromWire(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        return switch (k) {
            case "hostname", "node", "kubernetes.io/hostname" -> HOSTNAME;
            case "zone", "topology.kubernetes.io/zone" -> ZONE;
            case "site" -> SITE;
            case "region", "topology.kubernetes.io/region" -> REGION;
            default -> throw new IllegalArgumentException("unknown topology key: " + s
                    + " (use hostname, zone, site or region)");
        };
    }
}
