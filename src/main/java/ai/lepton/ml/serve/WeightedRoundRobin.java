package ai.lepton.ml.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks targets in proportion to weights, deterministically: smooth weighted round-robin (as nginx's upstream
 * balancer) over integer weights, precomputed as one cycle that requests walk through with an atomic counter.
 *
 * <p>The weights (any non-negative numbers) are rounded to integers summing to {@link #RESOLUTION} by the largest
 * remainder, then divided by their greatest common divisor; the cycle is that many picks long (at most
 * {@code RESOLUTION}). Over every whole cycle each target gets exactly its integer weight's share, and smooth
 * round-robin interleaves the targets within the cycle instead of sending runs to one of them. All-zero weights
 * (no target has headroom) fall back to equal shares, as traffic still has to go somewhere.
 *
 * <p>Thread-safe and lock-free: a pick is one {@code getAndIncrement} and an array read.
 *
 * @param <T> target type
 */
public final class WeightedRoundRobin<T> {

    /** The weights' resolution: they are rounded to multiples of 1/RESOLUTION. */
    public static final int RESOLUTION = 1000;

    private final List<T> targets;
    private final int[] weights;
    private final int[] cycle;
    private final AtomicLong next = new AtomicLong();

    /**
     * @param targets the targets, at least one
     * @param weights their weights, matched by index, each finite and &gt;= 0
     */
    public WeightedRoundRobin(List<T> targets, List<Double> weights) {
        if (targets.isEmpty() || targets.size() != weights.size()) {
            throw new IllegalArgumentException("need at least one target and one weight per target");
        }
        this.targets = List.copyOf(targets);
        this.weights = integerWeights(weights);
        this.cycle = smoothCycle(this.weights);
    }

    /** The next target. */
    public T next() {
        return targets.get(cycle[(int) Long.remainderUnsigned(next.getAndIncrement(), cycle.length)]);
    }

    /** The targets, in the order given. */
    public List<T> targets() {
        return targets;
    }

    /** The integer weights in effect (after rounding and division by their common divisor). */
    public int[] weights() {
        return weights.clone();
    }

    /** The number of picks after which the pattern repeats with exact shares. */
    public int cycleLength() {
        return cycle.length;
    }

    /** The integer weights a chooser over {@code weights} uses (see the class comment). */
    public static int[] integerWeights(List<Double> weights) {
        int n = weights.size();
        double sum = 0;
        for (Double w : weights) {
            if (w == null || !(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite numbers >= 0: " + weights);
            }
            sum += w;
        }
        int[] out = new int[n];
        if (sum <= 0) {
            Arrays.fill(out, 1);
            return out;
        }
        double[] rest = new double[n];
        int given = 0;
        for (int i = 0; i < n; i++) {
            double exact = weights.get(i) / sum * RESOLUTION;
            out[i] = (int) Math.floor(exact);
            rest[i] = exact - out[i];
            given += out[i];
        }
        // largest remainder first, lower index on ties, so the rounded weights sum to RESOLUTION exactly
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> rest[a] != rest[b] ? Double.compare(rest[b], rest[a]) : Integer.compare(a, b));
        for (int k = 0; given < RESOLUTION; k = (k + 1) % n) {
            out[order.get(k)]++;
            given++;
        }
        int g = 0;
        for (int w : out) {
            g = gcd(g, w);
        }
        for (int i = 0; i < n; i++) {
            out[i] /= g;
        }
        return out;
    }

    /** One cycle of smooth weighted round-robin: each step adds every weight, picks the largest, takes the total. */
    static int[] smoothCycle(int[] weights) {
        int total = Arrays.stream(weights).sum();
        int[] current = new int[weights.length];
        int[] cycle = new int[total];
        for (int step = 0; step < total; step++) {
            int best = 0;
            for (int i = 0; i < weights.length; i++) {
                current[i] += weights[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[step] = best;
        }
        return cycle;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
