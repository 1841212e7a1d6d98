package ai.lepton.ml.serve;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests in flight on an endpoint: started and not yet answered, whether predicting or queued in its
 * {@link MicroBatcher}. The request path pays one atomic increment and one decrement (plus a rarely taken maximum
 * update); a sampler reads it about once a second.
 *
 * <p>{@link #sample()} reports the most requests that were in flight at once since the previous sample (or now, if
 * more): a burst that starts and ends between two samples still counts, and so does a trickle of short requests,
 * which an instantaneous reading would mostly see as zero (and an autoscaler would then take as idle).
 */
public final class LoadGauge {

    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** A request started. */
    public void begin() {
        long v = inFlight.incrementAndGet();
        if (v > peak.get()) {
            peak.accumulateAndGet(v, Math::max);
        }
    }

    /** A request ended (answered or failed). */
    public void end() {
        inFlight.decrementAndGet();
    }

    /** Requests in flight now. */
    public long inFlight() {
        return inFlight.get();
    }

    /** The most requests in flight at once since the last sample, at least those in flight now; resets the peak. */
    public long sample() {
        long now = inFlight.get();
        return Math.max(now, peak.getAndSet(now));
    }
}
