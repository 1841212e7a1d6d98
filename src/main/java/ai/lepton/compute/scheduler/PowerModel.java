package ai.lepton.compute.scheduler;

/**
 * A node's linear power model: {@code watts(u) = idleWatts + (maxWatts - idleWatts) * u} for a utilisation
 * {@code u} in [0, 1] while the node is powered, and 0 when it is empty and can be powered down.
 *
 * <p>The utilisation the energy strategy uses is the busier of the node's CPU and GPU fractions (by requests), because
 * whichever engine is busiest sets the draw. {@link #UNMETERED} (0 W, 0 W) makes a node look free to that strategy.
 *
 * @param idleWatts draw when powered but idle
 * @param maxWatts draw at full utilisation, at least {@code idleWatts}
 */
public record PowerModel(double idleWatts, double maxWatts) {

    /** No power figures known. */
    public static final PowerModel UNMETERED = new PowerModel(0, 0);

    public PowerModel {
        if (!(idleWatts >= 0) || !(maxWatts >= idleWatts) || Double.isInfinite(maxWatts)) {
            throw new IllegalArgumentException("need 0 <= idleWatts <= maxWatts, got " + idleWatts + ", " + maxWatts);
        }
    }

    /** Draw at utilisation {@code u} (clamped to [0, 1]) while powered. */
    public double watts(double u) {
        return idleWatts + (maxWatts - idleWatts) * Math.max(0, Math.min(1, u));
    }
}
