package ai.lepton.compute.scheduler;

import java.util.Arrays;
import java.util.List;

/**
 * Splits a deployment's traffic across its replicas by water-filling.
 *
 * <h2>Model</h2>
 * Replica {@code i} can serve at most {@code C_i} units of traffic per second (its throughput at 100 % of its
 * bottleneck resource) and is already at level {@code u_i} in [0, 1] (the fraction of that capacity other work uses).
 * Sending it {@code x_i} raises its level to {@code u_i + x_i / C_i}. We want weights {@code λ_i = x_i / D} for a
 * demand {@code D} that serve as much as possible without taking any replica past level 1, and, among those, keep the
 * busiest replica as cool as possible: minimise {@code max_i (u_i + x_i / C_i)} subject to {@code Σ x_i = D},
 * {@code 0 <= x_i <= C_i (1 - u_i)}.
 *
 * <h2>Solution</h2>
 * The optimum pours traffic into the lowest replicas first, raising them to a common water level {@code L}:
 * <pre>
 *   x_i = C_i · max(0, L − u_i),   with L the level where Σ_i C_i · max(0, L − u_i) = D.
 * </pre>
 * The left side is continuous, piecewise linear and increasing in {@code L}, so with the replicas sorted by
 * {@code u_i}, walk up the breakpoints: with the {@code j} lowest replicas under water, raising the level from
 * {@code u_(j)} to {@code u_(j+1)} costs {@code (u_(j+1) − u_(j)) · Σ_{i≤j} C_(i)}; stop in the segment where the
 * remaining demand runs out, {@code L = u_(j) + remaining / Σ_{i≤j} C_(i)}. If {@code D} exceeds the headroom
 * {@code H = Σ C_i (1 − u_i)}, the level is capped at 1: every replica is filled to capacity, {@code x_i =
 * C_i (1 − u_i)}, {@code H} is served and {@code D − H} is reported unserved; the weights are then the headroom
 * shares {@code x_i / H}. Sorting dominates: O(n log n). With equal levels {@code u_i} the weights are simply
 * proportional to capacity; a replica whose level is already above {@code L} gets nothing.
 *
 * <h2>Worked example</h2>
 * Three replicas with {@code C = (100, 100, 200)} req/s at levels {@code u = (0.5, 0.2, 0.2)} and demand
 * {@code D = 120} req/s. Sorted by level: replicas 2 and 3 (at 0.2, together 300 req/s per unit level) then
 * replica 1 (at 0.5). Raising 2 and 3 from 0.2 to 0.5 takes {@code 0.3 × 300 = 90} req/s; 30 remain, now spread
 * over all three ({@code 400} per unit level): {@code ΔL = 30 / 400 = 0.075}, so {@code L = 0.575}. Then
 * {@code x = (100 × 0.075, 100 × 0.375, 200 × 0.375) = (7.5, 37.5, 75)}, which sums to 120, and
 * {@code λ = (0.0625, 0.3125, 0.625)}. Every replica ends at level 0.575, none past 1.
 */
public final class TrafficAllocation {

    private TrafficAllocation() {
    }

    /**
     * The result of {@link #waterFill}.
     *
     * @param weights λ_i, non-negative, summing to 1 (all zero only when there is no headroom at all)
     * @param level the common water level L (1 when saturated)
     * @param served traffic placed, {@code min(D, H)}
     * @param unserved {@code D − served}, positive only when the replicas cannot take the demand
     */
    public record Allocation(List<Double> weights, double level, double served, double unserved) {

        public Allocation {
            weights = List.copyOf(weights);
        }
    }

    /**
     * Water-fills {@code demand} over replicas of throughput {@code capacity[i]} already at {@code level[i]}.
     *
     * @param capacity C_i, each &gt;= 0
     * @param level u_i, each in [0, 1]
     * @param demand D &gt;= 0; 0 gives the limit of D → 0 (equal shares, by capacity, among the lowest replicas)
     * @throws IllegalArgumentException on mismatched or out-of-range inputs
     */
    public static Allocation waterFill(double[] capacity, double[] level, double demand) {
        int n = capacity.length;
        if (level.length != n) {
            throw new IllegalArgumentException("capacity and level differ in length");
        }
        if (!(demand >= 0) || Double.isInfinite(demand)) {
            throw new IllegalArgumentException("demand must be a finite number >= 0");
        }
        for (int i = 0; i < n; i++) {
            if (!(capacity[i] >= 0) || Double.isInfinite(capacity[i]) || !(level[i] >= 0 && level[i] <= 1)) {
                throw new IllegalArgumentException("replica " + i + ": need capacity >= 0 and 0 <= level <= 1");
            }
        }
        Double[] zero = new Double[n];
        Arrays.fill(zero, 0.0);
        double headroom = 0;
        for (int i = 0; i < n; i++) {
            headroom += capacity[i] * (1 - level[i]);
        }
        if (n == 0 || headroom <= 0) {
            return new Allocation(Arrays.asList(zero), 1, 0, demand);
        }
        double[] x = new double[n];
        double lvl;
        if (demand >= headroom) {
            for (int i = 0; i < n; i++) {
                x[i] = capacity[i] * (1 - level[i]);
            }
            lvl = 1;
        } else {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(level[a], level[b]));
            double remaining = demand;
            double under = 0; // Σ C of replicas under water
            lvl = level[order[0]];
            int j = 0;
            while (true) {
                while (j < n && level[order[j]] <= lvl) {
                    under += capacity[order[j]];
                    j++;
                }
                double next = j < n ? level[order[j]] : 1;
                double cost = (next - lvl) * under;
                if (under > 0 && cost >= remaining) {
                    lvl += remaining / under;
                    break;
                }
                remaining -= cost;
                lvl = next;
                if (j >= n) {
                    break; // cannot happen as demand < headroom; guards rounding
                }
            }
            if (demand == 0) {
                // the limit D -> 0: shares by capacity among the replicas at the lowest level
                double c = 0;
                for (int i = 0; i < n; i++) {
                    if (level[i] <= lvl && capacity[i] > 0) {
                        c += capacity[i];
                    }
                }
                Double[] w = new Double[n];
                for (int i = 0; i < n; i++) {
                    w[i] = level[i] <= lvl && capacity[i] > 0 ? capacity[i] / c : 0.0;
                }
                return new Allocation(Arrays.asList(w), lvl, 0, 0);
            }
            for (int i = 0; i < n; i++) {
                x[i] = capacity[i] * Math.max(0, lvl - level[i]);
            }
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        Double[] w = new Double[n];
        for (int i = 0; i < n; i++) {
            w[i] = x[i] / sum;
        }
        double served = Math.min(demand, headroom);
        return new Allocation(Arrays.asList(w), lvl, served, demand - served);
    }
}
