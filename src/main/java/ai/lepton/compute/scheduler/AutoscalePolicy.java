package ai.lepton.compute.scheduler;

import java.time.Duration;
import java.util.Objects;

/**
 * How a deployment scales.
 *
 * @param minReplicas lower bound while active (at least 0); the count never goes below it except by scale-to-zero
 * @param maxReplicas upper bound, at least {@code max(1, minReplicas)}
 * @param metric the metric to hold at {@code target}
 * @param target desired value per replica: in-flight requests (e.g. 10) or a CPU fraction (e.g. 0.7), &gt; 0
 * @param scaleUpWindow scale up only to the lowest recommendation of this window (0: at once, the HPA default)
 * @param scaleDownWindow scale down only to the highest recommendation of this window (the HPA default is 5 min)
 * @param tolerance no change while {@code |metric / target − 1|} is at most this (the HPA default is 0.1)
 * @param idleTimeout scale to zero after no requests for this long; null never scales to zero
 */
public record AutoscalePolicy(int minReplicas, int maxReplicas, MetricKind metric, double target,
        Duration scaleUpWindow, Duration scaleDownWindow, double tolerance, Duration idleTimeout) {

    public AutoscalePolicy {
        if (minReplicas < 0 || maxReplicas < Math.max(1, minReplicas)) {
            throw new IllegalArgumentException("need 0 <= minReplicas <= maxReplicas and maxReplicas >= 1");
        }
        Objects.requireNonNull(metric, "metric");
        if (!(target > 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("target must be a positive number");
        }
        scaleUpWindow = scaleUpWindow == null ? Duration.ZERO : scaleUpWindow;
        scaleDownWindow = scaleDownWindow == null ? Duration.ofMinutes(5) : scaleDownWindow;
        if (scaleUpWindow.isNegative() || scaleDownWindow.isNegative()
                || idleTimeout != null && idleTimeout.isNegative()) {
            throw new IllegalArgumentException("windows and timeout must not be negative");
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("tolerance must be >= 0");
        }
    }

    /** HPA defaults: scale up at once, scale down over 5 minutes, 10 % tolerance, no scale-to-zero. */
    public static AutoscalePolicy of(int minReplicas, int maxReplicas, MetricKind metric, double target) {
        return new AutoscalePolicy(minReplicas, maxReplicas, metric, target, Duration.ZERO, Duration.ofMinutes(5),
                0.1, null);
    }

    public AutoscalePolicy withIdleTimeout(Duration d) {
        return new AutoscalePolicy(minReplicas, maxReplicas, metric, target, scaleUpWindow, scaleDownWindow,
                tolerance, d);
    }

    public AutoscalePolicy withWindows(Duration up, Duration down) {
        return new AutoscalePolicy(minReplicas, maxReplicas, metric, target, up, down, tolerance, idleTimeout);
    }
}
