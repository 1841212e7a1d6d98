package ai.lepton.compute.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Round-trip times between sites in milliseconds, for {@link ScoringStrategy#LATENCY}. Symmetric: setting a→b sets
 * b→a. A site's RTT to itself is 0 unless set. Immutable once built.
 */
public final class LatencyMatrix {

    /** No figures: every pair of distinct sites is unknown. */
    public static final LatencyMatrix EMPTY = new LatencyMatrix(Map.of());

    private final Map<String, Map<String, Double>> rtt;

    private LatencyMatrix(Map<String, Map<String, Double>> rtt) {
        this.rtt = rtt;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** RTT between two sites, if known. */
    public OptionalDouble rttMillis(String from, String to) {
        Map<String, Double> row = rtt.get(from);
        Double v = row == null ? null : row.get(to);
        if (v != null) {
            return OptionalDouble.of(v);
        }
        return from.equals(to) ? OptionalDouble.of(0) : OptionalDouble.empty();
    }

    /** Every figure set, as site → site → ms (both directions). */
    public Map<String, Map<String, Double>> asMap() {
        return rtt;
    }

    /** Collects RTTs. */
    public static final class Builder {
        private final Map<String, Map<String, Double>> m = new HashMap<>();

        /** Sets the RTT between {@code a} and {@code b} (both directions). */
        public Builder rtt(String a, String b, double millis) {
            if (!(millis >= 0) || Double.isInfinite(millis)) {
                throw new IllegalArgumentException("rtt must be a finite number >= 0: " + a + "-" + b);
            }
            m.computeIfAbsent(a, k -> new HashMap<>()).put(b, millis);
            m.computeIfAbsent(b, k -> new HashMap<>()).put(a, millis);
            return this;
        }

        public LatencyMatrix build() {
            Map<String, Map<String, Double>> copy = new HashMap<>();
            m.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
            return new LatencyMatrix(Map.copyOf(copy));
        }
    }
}
