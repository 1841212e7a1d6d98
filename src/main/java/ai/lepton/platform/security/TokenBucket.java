package ai.lepton.platform.security;

/** A token bucket: {@code capacity} burst, refilled at {@code ratePerSecond}. Thread-safe. */
public final class TokenBucket {

    private final double ratePerNano;
    private final double capacity;
    private double tokens;
    private long last;

    public TokenBucket(double ratePerSecond, int capacity, long nowNanos) {
        if (ratePerSecond <= 0 || capacity < 1) {
            throw new IllegalArgumentException("rate must be > 0 and capacity >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = capacity;
        this.tokens = capacity;
        this.last = nowNanos;
    }

    /**
     * Takes one token.
     *
     * @return 0 if granted, otherwise the whole number of seconds after which a token will be available (at least 1)
     */
    public synchronized long tryAcquire(long nowNanos) {
        long elapsed = Math.max(0, nowNanos - last);
        tokens = Math.min(capacity, tokens + elapsed * ratePerNano);
        last = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        double waitNanos = (1 - tokens) / ratePerNano;
        return Math.max(1, (long) Math.ceil(waitNanos / 1e9));
    }
}
