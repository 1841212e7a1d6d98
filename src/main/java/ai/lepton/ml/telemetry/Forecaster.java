package ai.lepton.ml.telemetry;

import java.util.Arrays;

/**
 * Short-horizon forecaster for one metric series: additive Holt-Winters exponential smoothing with a damped trend
 * (the ETS(A,Ad,A) model of R. J. Hyndman, A. B. Koehler, J. K. Ord, R. D. Snyder, "Forecasting with Exponential
 * Smoothing: The State Space Approach", Springer 2008; C. C. Holt 1957, P. R. Winters 1960, trend damping after
 * E. S. Gardner, E. McKenzie 1985), with
 * <ul>
 * <li>the seasonal period detected automatically: the lag of the highest autocorrelation of the linearly detrended
 * history after the autocorrelation first turns negative, if it is at least 0.3 and the history holds two periods;
 * otherwise no seasonal component;</li>
 * <li>the smoothing parameters (level, trend, seasonal, damping) chosen on a grid by the smallest mean absolute
 * one-step error over the history, which keeps spikes from dominating the fit;</li>
 * <li>prediction intervals from the empirical quantile of the absolute one-step errors (W. H. Williams, M. L. Goodman,
 * "A simple method for the construction of empirical confidence limits for economic forecasts", JASA 66, 1971),
 * widened with the horizon by the model's variance multipliers {@code 1 + sum_j c_j^2}, where
 * {@code c_j = alpha + beta * (phi + ... + phi^j) + gamma [j is a multiple of the period]} (Hyndman et al. 2008,
 * chapter 6).</li>
 * </ul>
 * Only the last {@code maxHistory} points are used. Stateless and thread-safe; each call fits afresh (a few
 * milliseconds for 4,000 points).
 */
public final class Forecaster {

    /** Steps forecast by {@link #forecast(double[])}. */
    public static final int DEFAULT_HORIZON = 12;
    /** Interval coverage used by {@link #forecast(double[])}. */
    public static final double DEFAULT_CONFIDENCE = 0.9;

    private static final double MIN_SEASONAL_ACF = 0.3;
    private static final double[] ALPHAS = {0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0};
    private static final double[] BETAS = {0.0, 0.05, 0.2}; // as a fraction of alpha
    private static final double[] GAMMAS = {0.0, 0.05, 0.15, 0.35};
    private static final double[] PHIS = {0.8, 0.95, 1.0};

    private final int maxHistory;
    private final int maxPeriod;

    /** Uses at most the last 4,032 points (two weeks at 5 minutes) and periods of up to 1,008 points. */
    public Forecaster() {
        this(4032, 1008);
    }

    /**
     * @param maxHistory most recent points used (at least 8)
     * @param maxPeriod  longest seasonal period looked for, in points (at least 2)
     */
    public Forecaster(int maxHistory, int maxPeriod) {
        if (maxHistory < 8 || maxPeriod < 2) {
            throw new IllegalArgumentException("maxHistory must be at least 8 and maxPeriod at least 2");
        }
        this.maxHistory = maxHistory;
        this.maxPeriod = maxPeriod;
    }

    /** The next {@value #DEFAULT_HORIZON} points with {@value #DEFAULT_CONFIDENCE} prediction intervals. */
    public Forecast forecast(double[] history) {
        return forecast(history, DEFAULT_HORIZON, DEFAULT_CONFIDENCE);
    }

    /**
     * Forecasts the points after {@code history}.
     *
     * @param history    the series, oldest first, equally spaced, all finite; at least 2 points
     * @param horizon    steps to forecast, at least 1
     * @param confidence nominal coverage of the intervals, in (0, 1)
     */
    public Forecast forecast(double[] history, int horizon, double confidence) {
        if (history == null || history.length < 2) {
            throw new IllegalArgumentException("history needs at least 2 points");
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, was " + horizon);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), was " + confidence);
        }
        double[] y = Arrays.copyOfRange(history, Math.max(0, history.length - maxHistory), history.length);
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("history holds a non-finite value at " + i);
            }
        }
        int m = detectPeriod(y, maxPeriod);
        Fit best = null;
        for (double alpha : ALPHAS) {
            for (double beta : BETAS) {
                for (double phi : beta == 0 ? new double[] {1.0} : PHIS) {
                    for (double gamma : m > 1 ? GAMMAS : new double[] {0.0}) {
                        Fit f = run(y, m, alpha, alpha * beta, gamma, phi, false);
                        if (best == null || f.mae < best.mae) {
                            best = f;
                        }
                    }
                }
            }
        }
        Fit f = run(y, m, best.alpha, best.beta, best.gamma, best.phi, true);
        double q = quantile(f.absErrors, f.errors, confidence);
        double[] mean = new double[horizon];
        double[] lower = new double[horizon];
        double[] upper = new double[horizon];
        double damp = 0;
        double variance = 1;
        double phiPower = 1;
        for (int h = 1; h <= horizon; h++) {
            phiPower *= f.phi;
            damp += phiPower;
            double season = m > 1 ? f.season[(y.length - 1 + h) % m] : 0.0;
            mean[h - 1] = f.level + damp * f.trend + season;
            double width = q * Math.sqrt(variance);
            lower[h - 1] = mean[h - 1] - width;
            upper[h - 1] = mean[h - 1] + width;
            // multiplier for the next step: c_h = alpha + beta (phi + ... + phi^h) + gamma [h multiple of m]
            double c = f.alpha + f.beta * damp + (m > 1 && h % m == 0 ? f.gamma : 0.0);
            variance += c * c;
        }
        return new Forecast(mean, lower, upper, m, confidence);
    }

    /** The fitted state after the last point and the one-step errors. */
    private record Fit(double alpha, double beta, double gamma, double phi, double mae, double level, double trend,
            double[] season, double[] absErrors, int errors) {
    }

    /** Runs the error-correction recursions over {@code y}; {@code keep} keeps the absolute errors. */
    private static Fit run(double[] y, int m, double alpha, double beta, double gamma, double phi, boolean keep) {
        int n = y.length;
        double level;
        double trend = 0;
        double[] season = new double[Math.max(m, 1)];
        int start;
        if (m > 1) {
            double sum = 0;
            for (int i = 0; i < m; i++) {
                sum += y[i];
            }
            level = sum / m;
            for (int i = 0; i < m; i++) {
                season[i] = y[i] - level;
            }
            start = m;
        } else {
            level = y[0];
            start = 1;
        }
        double[] abs = keep ? new double[n - start] : null;
        double total = 0;
        for (int t = start; t < n; t++) {
            int slot = t % season.length;
            double s = m > 1 ? season[slot] : 0.0;
            double predicted = level + phi * trend + s;
            double e = y[t] - predicted;
            total += Math.abs(e);
            if (keep) {
                abs[t - start] = Math.abs(e);
            }
            double newLevel = level + phi * trend + alpha * e;
            trend = phi * trend + beta * e;
            level = newLevel;
            if (m > 1) {
                season[slot] = s + gamma * e;
            }
        }
        int errors = n - start;
        double mae = errors > 0 ? total / errors : 0.0;
        return new Fit(alpha, beta, gamma, phi, mae, level, trend, season, abs, errors);
    }

    private static double quantile(double[] values, int n, double q) {
        if (n == 0) {
            return 0.0;
        }
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * The seasonal period of {@code y} in points, or 1: the lag of the highest autocorrelation of the linearly
     * detrended series after the autocorrelation first turns negative, at most {@code maxPeriod} and half the length,
     * if that autocorrelation is at least 0.3.
     */
    static int detectPeriod(double[] y, int maxPeriod) {
        int n = y.length;
        int maxLag = Math.min(maxPeriod, n / 2);
        if (maxLag < 2) {
            return 1;
        }
        // least-squares line through (i, y_i)
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : y) {
            meanY += v;
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (i - meanX) * (y[i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double[] d = new double[n];
        double var = 0;
        for (int i = 0; i < n; i++) {
            d[i] = y[i] - meanY - slope * (i - meanX);
            var += d[i] * d[i];
        }
        if (var == 0) {
            return 1;
        }
        boolean negative = false;
        int best = 1;
        double bestAcf = MIN_SEASONAL_ACF;
        for (int lag = 1; lag <= maxLag; lag++) {
            double c = 0;
            for (int i = lag; i < n; i++) {
                c += d[i] * d[i - lag];
            }
            double acf = c / var;
            if (!negative) {
                negative = acf < 0;
                continue;
            }
            if (acf > bestAcf) {
                bestAcf = acf;
                best = lag;
            }
        }
        return best;
    }
}
