package ai.lepton.ml.telemetry;

import java.util.Arrays;

/**
 * Online, unsupervised anomaly detector for one metric series. Feed it every point in time order; each call returns
 * that point's anomaly score in [0, 1], computed from the point and earlier ones only. It needs no labels and no
 * tuning per series, keeps constant memory (a few tens of kilobytes, plus two bytes per point of the reference window
 * for the alarm rank: 8 kB for 14 days at 5 minutes) and costs about a microsecond per point.
 *
 * <p>The raw score is the mean over an ensemble of nine cores, one for each pair of a local window (the option's
 * value times 2/3, 1 and 3/2: 36, 54 and 81 hours by default) and a smoothing window (the same factors: about 27, 40
 * and 60 minutes). Averaging a detector over a spread of its parameter values instead of using one tuned value is the
 * usual way to make an unsupervised detector less sensitive to that value (C. C. Aggarwal, S. Sathe, "Outlier
 * Ensembles", Springer 2017, ch. 2 and 3); here it was adopted because the single-window detector's NAB score swung
 * by up to 10 points when one window moved by a third (bench/README.md, NAB section). Each core's score is the largest
 * of five novelty scores, an ensemble of simple detectors. Each asks whether a
 * statistic of the series has just left the range that statistic has kept so far, measured in units of that range,
 * so it calibrates itself to the series' scale, and each is shaped as {@code x / (x + 0.3)} of its excess {@code x}
 * beyond a margin:
 * <ol>
 * <li><b>value against the reference window</b> (default 14 days), margin 0: Numenta's "spatial anomaly", a value
 * beyond the range seen so far (S. Ahmad, A. Lavin, S. Purdy, Z. Agha, "Unsupervised real-time anomaly detection for
 * streaming data", Neurocomputing 262, 2017), here scored by how far beyond and only past one current noise step
 * (below);</li>
 * <li><b>value against the local window</b> (more than a daily cycle in every core, so that ordinary daily peaks are
 * part of it), margin 0.3: level shifts and spikes that stay inside the long-run range;</li>
 * <li><b>moving average</b> over the smoothing window <b>against its own reference range</b>,
 * margin 0.1: sustained bumps and shifts too small to show in single noisy values;</li>
 * <li><b>roughness</b>, the median absolute step over the smoothing window, upward against its own reference range,
 * margin 0.3: the series oscillates or its variance grew. The median absolute difference is a robust noise scale
 * (as the median absolute finest-scale wavelet coefficient in D. L. Donoho, I. M. Johnstone, "Ideal spatial
 * adaptation by wavelet shrinkage", Biometrika 81, 1994); isolated spikes do not move it. Its reference range learns
 * each roughness one smoothing window late, so a roughness rising over its own span is compared with the range from
 * before the rise;</li>
 * <li><b>stillness</b>: the roughness fell below the calmest roughness of the reference window, by more than half of
 * it: the series flattened (a stuck metric).</li>
 * </ol>
 *
 * <p>Alarms are then suppressed the way CAD OSE's rest period (M. Smirnov, "Contextual Anomaly Detector - Open Source
 * Edition", in the Numenta Anomaly Benchmark, 2016) and the HTM detector's likelihood filter (only the first of
 * consecutive red-zone likelihoods is kept, Ahmad et al. 2017) do: during the alarm hold (default 12 hours) after a
 * point, a point reports only how much its raw score exceeds the highest score already reported in that period. An
 * anomaly thus raises one alarm at its onset, not one per point while it lasts, and a stronger follow-up still shows.
 *
 * <p>Last, each reported score {@code x} is discounted by its rank among the series' own earlier alarms: with
 * {@code m} non-zero reported scores (at least 1/1024) in the last reference window and {@code c} of them at or above
 * {@code x}, the score is {@code x r^2}, {@code r = 1 - c / (m + 1)}. The first alarm of a series and any alarm larger
 * than all recent ones keep their score ({@code r = 1}); an alarm smaller than most of the series' recent alarms is
 * damped. This puts the scores of different series on a comparable footing, so that one threshold suits them all:
 * a series that keeps raising middling alarms (heavy-tailed or bursty metrics) no longer passes a threshold that a
 * quiet series needs. Turning a detector's raw score into its empirical tail rank under that series' own score
 * history follows the score calibration of H.-P. Kriegel, P. Kr&ouml;ger, E. Schubert, A. Zimek, "Interpreting and
 * Unifying Outlier Scores" (SIAM SDM 2011) and the HTM detector's anomaly likelihood (Ahmad et al. 2017, the tail
 * probability of the current raw score under the series' recent scores), here rank-based instead of Gaussian and
 * multiplied into the score, so that it only ever lowers it; a per-stream threshold taken from the stream's own score
 * distribution is also the idea of A. Siffer, P.-A. Fouque, A. Termier, C. Largou&euml;t, "Anomaly Detection in
 * Streams with Extreme Value Theory" (KDD 2017). Its exponent 2 was chosen by hand on the NAB AWS series (1 and 5 or
 * more fail the leave-one-file-out check there, 2 to 4 pass; bench/README.md).
 *
 * <p>Alarm threshold: raise an alarm at {@link #ALARM_THRESHOLD} (0.3). On clean synthetic series (daily sine plus
 * Gaussian noise, 14 days at 5 minutes, the eight seeds of the tests) no alarm is raised after the first 15 % of
 * points, and a spike, a level shift
 * of 1.5 ranges, a flatline or an eightfold noise increase reach it within the delays the tests state. NAB's own
 * optimiser, whose standard profile charges a false positive 0.11 of a missed window, picks a much lower threshold on
 * the AWS series (about 0.0035).
 *
 * <p>How well this generalises is measured, not assumed: the defaults and margins were chosen on NAB's 17
 * realAWSCloudwatch series, so the score there is in-sample (75.98); bench/README.md reports a leave-one-file-out
 * figure (also 75.98: every fold keeps the defaults) and scores on NAB series that were not used to choose anything.
 *
 * <p>The first {@code warmUpPoints} points score 0; they give the sampling interval (the median spacing of their
 * timestamps, 5 minutes if they all share one) that turns the windows into point counts. Later timestamps are not
 * used: points are assumed to keep arriving at about that interval. Non-finite values score 0 and are not learnt.
 * Not thread-safe: one instance per series, fed by one thread at a time.
 */
public final class AnomalyDetector {

    /** The suggested alarm threshold for operations (see the class comment). */
    public static final double ALARM_THRESHOLD = 0.3;

    static final long FALLBACK_INTERVAL_MILLIS = 5 * 60_000L;
    /** Values a derived statistic's reference range needs before that statistic scores. */
    static final int MIN_REFERENCE_POINTS = 48;

    private static final double LOCAL_MARGIN = 0.3;
    private static final double LEVEL_MARGIN = 0.1;
    private static final double ROUGHNESS_MARGIN = 0.3;
    private static final double STILLNESS_MARGIN = 0.5;
    private static final double TAU = 0.3;
    /** The power of the alarm rank that discounts each reported score (see the class comment). */
    static final int RANK_EXPONENT = 2;
    /** Histogram bins of the alarm rank over [0, 1]; scores below 1 / RANK_BINS count as no alarm. */
    static final int RANK_BINS = 1024;
    /** Each window of the ensemble is the option's value times one of these. */
    private static final double[] SPREAD = {2.0 / 3, 1.0, 1.5};

    private final AnomalyDetectorOptions options;
    private final long[] warmUpTimes;
    private final double[] warmUpValues;
    private long seen;
    private long interval;

    // created when the warm-up ends
    private Core[] cores;
    private SlidingRange reported;
    private AlarmRank rank;

    /** A detector with the global defaults. */
    public AnomalyDetector() {
        this(AnomalyDetectorOptions.defaults());
    }

    public AnomalyDetector(AnomalyDetectorOptions options) {
        this.options = options;
        this.warmUpTimes = new long[options.warmUpPoints()];
        this.warmUpValues = new double[options.warmUpPoints()];
    }

    /**
     * Scores a point, then learns it.
     *
     * @param epochMillis the point's time; during the warm-up it gives the sampling interval
     * @param value       the metric value
     * @return the anomaly score in [0, 1]: 0 for ordinary points, towards 1 the further the point takes a statistic of
     *         the series past the range it has kept
     */
    public double score(long epochMillis, double value) {
        if (!Double.isFinite(value)) {
            return 0.0;
        }
        if (seen < warmUpValues.length) {
            warmUpTimes[(int) seen] = epochMillis;
            warmUpValues[(int) seen] = value;
            seen++;
            if (seen == warmUpValues.length) {
                start();
            }
            return 0.0;
        }
        seen++;
        return Math.min(1.0, step(value, true));
    }

    /** Points learnt so far. */
    public long count() {
        return seen;
    }

    /** The sampling interval measured during the warm-up, in milliseconds; 0 until it ends. */
    public long intervalMillis() {
        return interval;
    }

    private void start() {
        interval = medianSpacing(warmUpTimes);
        int referencePoints = points(options.referenceWindow().toMillis(), 64);
        int hold = points(options.alarmHold().toMillis(), 0);
        reported = hold == 0 ? null : SlidingRange.of(hold);
        rank = new AlarmRank(referencePoints);
        cores = new Core[SPREAD.length * SPREAD.length];
        int c = 0;
        for (double a : SPREAD) {
            for (double b : SPREAD) {
                cores[c++] = new Core(referencePoints, points(Math.round(options.localWindow().toMillis() * a), 16),
                        Math.min(points(Math.round(options.smoothingWindow().toMillis() * b), 3), 10_000));
            }
        }
        for (double v : warmUpValues) {
            for (Core core : cores) {
                core.step(v, false);
            }
        }
    }

    private int points(long millis, int min) {
        return (int) Math.max(min, Math.min(10_000_000, Math.round((double) millis / interval)));
    }

    static long medianSpacing(long[] times) {
        long[] d = new long[times.length - 1];
        int n = 0;
        for (int i = 1; i < times.length; i++) {
            long delta = times[i] - times[i - 1];
            if (delta > 0) {
                d[n++] = delta;
            }
        }
        if (n == 0) {
            return FALLBACK_INTERVAL_MILLIS;
        }
        Arrays.sort(d, 0, n);
        return d[n / 2];
    }

    /** Scores {@code v} against what has been learnt, then learns it. */
    private double step(double v, boolean scoring) {
        double raw = 0.0;
        for (Core core : cores) {
            raw += core.step(v, scoring) / cores.length;
        }
        double out = raw;
        if (reported != null) {
            out = reported.count() == 0 ? raw : Math.max(0.0, raw - reported.max());
            reported.add(out);
        }
        return scoring ? rank.discount(out) : out;
    }

    /**
     * The series' recent reported scores (the last reference window of them), as a histogram over [0, 1] in a
     * Fenwick tree with a ring of the bins to forget, so that the rank of a score among them costs O(log bins).
     */
    static final class AlarmRank {
        private final int[] tree = new int[RANK_BINS + 1];
        private final short[] ring;
        private int size;
        private int next;

        AlarmRank(int capacity) {
            ring = new short[capacity];
        }

        /**
         * {@code x} times {@code r^RANK_EXPONENT}, {@code r = 1 - c / (m + 1)}, where {@code m} is the number of
         * earlier alarms (scores of at least 1 / RANK_BINS) and {@code c} the number of those at or above {@code x}'s
         * bin; then learns {@code x}.
         */
        double discount(double x) {
            int b = bin(x);
            double out = 0.0;
            if (x > 0) {
                int alarms = size - below(1);
                int atOrAbove = size - below(Math.max(1, b));
                double r = 1.0 - atOrAbove / (alarms + 1.0);
                out = x;
                for (int i = 0; i < RANK_EXPONENT; i++) {
                    out *= r;
                }
            }
            if (size == ring.length) {
                update(ring[next], -1);
            } else {
                size++;
            }
            ring[next] = (short) b;
            update(b, 1);
            next = (next + 1) % ring.length;
            return out;
        }

        private static int bin(double x) {
            return Math.max(0, Math.min(RANK_BINS - 1, (int) (x * RANK_BINS)));
        }

        private void update(int b, int delta) {
            for (int i = b + 1; i <= RANK_BINS; i += i & -i) {
                tree[i] += delta;
            }
        }

        /** How many of the kept scores lie in bins below {@code b}. */
        private int below(int b) {
            int sum = 0;
            for (int i = b; i > 0; i -= i & -i) {
                sum += tree[i];
            }
            return sum;
        }
    }

    /** The five novelty scores for one local window and one smoothing window. */
    private static final class Core {
        private final SlidingRange reference;
        private final SlidingRange local;
        private final SlidingRange levelRange;
        private final SlidingRange roughnessRange;
        private final double[] window;
        private final double[] steps;
        private final double[] sortedSteps;
        private final double[] roughnessLag;
        private long windowCount;
        private long roughnessCount;
        private double sum;
        private double last = Double.NaN;
        private double roughness;

        Core(int referencePoints, int localPoints, int k) {
            reference = SlidingRange.of(referencePoints);
            levelRange = SlidingRange.of(referencePoints);
            roughnessRange = SlidingRange.of(referencePoints);
            local = SlidingRange.of(localPoints);
            window = new double[k];
            steps = new double[k];
            sortedSteps = new double[k];
            roughnessLag = new double[k];
        }

        /** Scores {@code v} against what has been learnt (when {@code scoring}), then learns it. */
        double step(double v, boolean scoring) {
            double raw = 0.0;
            if (scoring) {
                // a new extreme counts only beyond one current noise step
                raw = Math.max(shape(reference.excess(v, false, roughness), 0.0),
                        shape(local.excess(v, false, 0.0), LOCAL_MARGIN));
            }
            int k = window.length;
            int slot = (int) (windowCount % k);
            sum += v - window[slot];
            window[slot] = v;
            if (!Double.isNaN(last)) {
                steps[slot] = Math.abs(v - last);
            }
            last = v;
            windowCount++;
            if (windowCount > k) { // from here on the window holds k values and k steps
                double level = sum / k;
                if (scoring && levelRange.count() >= MIN_REFERENCE_POINTS) {
                    raw = Math.max(raw, shape(levelRange.excess(level, false, 0.0), LEVEL_MARGIN));
                }
                levelRange.add(level);

                System.arraycopy(steps, 0, sortedSteps, 0, k);
                Arrays.sort(sortedSteps);
                roughness = sortedSteps[(k - 1) / 2];
                if (scoring && roughnessRange.count() >= MIN_REFERENCE_POINTS) {
                    raw = Math.max(raw, shape(roughnessRange.excess(roughness, true, 0.0), ROUGHNESS_MARGIN));
                    double calmest = roughnessRange.min();
                    if (calmest > 0 && roughness < calmest) {
                        raw = Math.max(raw, shape((calmest - roughness) / calmest, STILLNESS_MARGIN));
                    }
                }
                int lagSlot = (int) (roughnessCount % k);
                double lagged = roughnessLag[lagSlot];
                roughnessLag[lagSlot] = roughness;
                if (roughnessCount++ >= k) {
                    roughnessRange.add(lagged);
                }
            }
            reference.add(v);
            local.add(v);
            return raw;
        }
    }

    /** {@code x / (x + 0.3)} of the excess {@code x} beyond a margin: 0 up to the margin, towards 1 far beyond. */
    private static double shape(double excess, double margin) {
        double x = excess - margin;
        return x <= 0 ? 0.0 : x / (x + TAU);
    }
}
