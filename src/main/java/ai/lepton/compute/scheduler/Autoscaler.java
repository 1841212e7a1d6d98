package ai.lepton.compute.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Replica-count decisions in the manner of the Kubernetes Horizontal Pod Autoscaler, plus scale-to-zero.
 *
 * <p>Each call to {@link #decide} at time {@code now} (time is passed in; there is no clock inside):
 * <ol>
 *   <li>Idle tracking: if {@link MetricSource#requests} is positive the workload was active at {@code now}.</li>
 *   <li>At zero replicas, any request scales to {@code max(1, minReplicas)} (for the in-flight metric, to
 *       {@code ceil(requests / target)} if more), without waiting for a window.</li>
 *   <li>With an idle timeout, no requests for at least that long scales to zero (below {@code minReplicas}).</li>
 *   <li>Otherwise the recommendation is {@code ceil(current × metric / target)}, or {@code current} when
 *       {@code |metric / target − 1| <= tolerance}, clamped to {@code [max(1, minReplicas), maxReplicas]}.</li>
 *   <li>Stabilisation, as the HPA's behaviour: the count rises only to the lowest recommendation within the scale-up
 *       window and falls only to the highest recommendation within the scale-down window, so a brief dip does not
 *       remove replicas that a moment later are needed again.</li>
 * </ol>
 * Keeps a short history per workload; {@link #forget} drops it. Not thread-safe.
 */
public final class Autoscaler {

    private final MetricSource metrics;
    private final Map<String, State> states = new HashMap<>();

    public Autoscaler(MetricSource metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    private static final class State {
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        final ArrayDeque<Integer> recs = new ArrayDeque<>();
        Instant lastActive;
    }

    /** Forgets a workload's history (e.g. when it is deleted). */
    public void forget(String workload) {
        states.remove(workload);
    }

    /** Decides the replica count of {@code workload} at {@code now}. */
    public ScaleDecision decide(String workload, AutoscalePolicy policy, int current, Instant now) {
        State st = states.computeIfAbsent(workload, w -> new State());
        long requests = metrics.requests(workload);
        if (st.lastActive == null || requests > 0) {
            st.lastActive = now;
        }
        int floor = Math.max(1, policy.minReplicas());
        if (current == 0) {
            if (requests <= 0) {
                return new ScaleDecision(workload, 0, 0, 0, Double.NaN, "idle at zero replicas");
            }
            int want = floor;
            if (policy.metric() == MetricKind.IN_FLIGHT_PER_REPLICA) {
                want = Math.max(want, (int) Math.min(Integer.MAX_VALUE, (long) Math.ceil(requests / policy.target())));
            }
            want = Math.min(want, policy.maxReplicas());
            record(st, now, want, policy);
            return new ScaleDecision(workload, 0, want, want, requests, "scale from zero: " + requests
                    + " request(s) waiting");
        }
        Duration idle = Duration.between(st.lastActive, now);
        if (policy.idleTimeout() != null && requests <= 0 && idle.compareTo(policy.idleTimeout()) >= 0) {
            st.times.clear();
            st.recs.clear();
            return new ScaleDecision(workload, current, 0, 0, 0, "no requests for " + idle.toSeconds()
                    + " s (idle timeout " + policy.idleTimeout().toSeconds() + " s): scale to zero");
        }
        OptionalDouble m = metrics.average(workload, policy.metric());
        if (m.isEmpty()) {
            return new ScaleDecision(workload, current, clamp(current, floor, policy.maxReplicas()), current,
                    Double.NaN, "no metric sample; keeping the count");
        }
        double value = m.getAsDouble();
        double ratio = value / policy.target();
        int rec;
        String why;
        if (Math.abs(ratio - 1) <= policy.tolerance()) {
            rec = current;
            why = "within tolerance";
        } else {
            double raw = Math.ceil(current * ratio - 1e-9);
            rec = raw >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) raw;
            why = "ceil(" + current + " × " + fmt(value) + " / " + fmt(policy.target()) + ") = " + rec;
        }
        rec = clamp(rec, floor, policy.maxReplicas());
        record(st, now, rec, policy);
        int up = Integer.MAX_VALUE;
        int down = Integer.MIN_VALUE;
        Iterator<Instant> ti = st.times.iterator();
        Iterator<Integer> ri = st.recs.iterator();
        while (ti.hasNext()) {
            Instant t = ti.next();
            int r = ri.next();
            Duration age = Duration.between(t, now);
            if (age.compareTo(policy.scaleUpWindow()) <= 0) {
                up = Math.min(up, r);
            }
            if (age.compareTo(policy.scaleDownWindow()) <= 0) {
                down = Math.max(down, r);
            }
        }
        int desired = clamp(current, floor, policy.maxReplicas());
        if (desired < up) {
            desired = up;
            why += "; scale-up window minimum " + up;
        }
        if (desired > down) {
            desired = down;
            why += "; scale-down window maximum " + down;
        }
        desired = clamp(desired, floor, policy.maxReplicas());
        return new ScaleDecision(workload, current, desired, rec, value, why);
    }

    private static void record(State st, Instant now, int rec, AutoscalePolicy policy) {
        st.times.addLast(now);
        st.recs.addLast(rec);
        Duration keep = policy.scaleUpWindow().compareTo(policy.scaleDownWindow()) > 0 ? policy.scaleUpWindow()
                : policy.scaleDownWindow();
        while (!st.times.isEmpty() && Duration.between(st.times.peekFirst(), now).compareTo(keep) > 0) {
            st.times.removeFirst();
            st.recs.removeFirst();
        }
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
