package ai.lepton.ml.telemetry;

import java.util.Arrays;

/**
 * Forecast of the next {@code mean.length} points of a series: a point forecast per step and a prediction interval
 * that should contain the actual value with probability {@code confidence}.
 *
 * @param mean       point forecasts, step 1 first
 * @param lower      lower interval bounds
 * @param upper      upper interval bounds
 * @param period     the seasonal period used, in points (1: no seasonality found)
 * @param confidence the nominal coverage of the intervals, in (0, 1)
 */
public record Forecast(double[] mean, double[] lower, double[] upper, int period, double confidence) {

    public Forecast {
        if (mean.length != lower.length || mean.length != upper.length) {
            throw new IllegalArgumentException("mean, lower and upper must have one value per step");
        }
        mean = mean.clone();
        lower = lower.clone();
        upper = upper.clone();
    }

    /** Number of steps forecast. */
    public int horizon() {
        return mean.length;
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] lower() {
        return lower.clone();
    }

    @Override
    public double[] upper() {
        return upper.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Forecast f && period == f.period && confidence == f.confidence
                && Arrays.equals(mean, f.mean) && Arrays.equals(lower, f.lower) && Arrays.equals(upper, f.upper);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(mean) + Arrays.hashCode(lower)) + Arrays.hashCode(upper) + period;
    }

    @Override
    public String toString() {
        return "Forecast[period=" + period + ", confidence=" + confidence + ", mean=" + Arrays.toString(mean)
                + ", lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "]";
    }
}
