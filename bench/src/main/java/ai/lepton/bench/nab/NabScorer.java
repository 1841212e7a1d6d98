package ai.lepton.bench.nab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Numenta Anomaly Benchmark (NAB 1.x) scoring, following {@code nab/sweeper.py}, the sweep-based threshold
 * optimiser in {@code nab/optimizer.py} and {@code Runner.normalize} in {@code nab/runner.py}:
 * <ul>
 * <li>Every row gets a "sweep score" as if it were a detection. Inside an anomaly window it is the true-positive
 * reward {@code scaledSigmoid(-(right - i + 1) / width) * A_TP / scaledSigmoid(-1)}, so the first row of a window
 * earns exactly {@code A_TP} and the reward falls towards 0 at the window's right edge. Outside a window it is
 * {@code scaledSigmoid(|prevRight - i| / (prevWidth - 1)) * A_FP} when a window precedes the row (detections just
 * after a window cost almost nothing, those a window-width or more later cost about {@code A_FP}) and
 * {@code -1 * A_FP} when none does.</li>
 * <li>The first {@code min(floor(0.15 * rows), 0.15 * 5000)} rows of each file are probationary and ignored
 * entirely (a window that lies wholly inside them is neither a detection nor a miss).</li>
 * <li>For a threshold {@code t}, the rows with {@code anomalyScore >= t} are detections. A file's score is the sum of
 * its false-positive sweep scores plus, for each window, the best (earliest) detection's reward or {@code -A_FN}
 * when the window has no detection. True negatives carry no weight in the score ({@code A_TN} is only a count).</li>
 * <li>One threshold for the whole corpus: the rows of all files are pooled and swept from the highest anomaly score
 * down, scoring every distinct score value as a threshold. This exhaustive sweep is what NAB 1.x itself does
 * ({@code Sweeper.calcScoreByThreshold}), so the threshold found is the true optimum; older NAB versions hill-climbed
 * ("twiddle") over [0, 1] instead. Among equal scores the highest threshold wins, as in NAB.</li>
 * <li>Normalised score: {@code 100 * (raw - null) / (perfect - null)}, where {@code null} is the raw score of NAB's
 * null detector (a constant 0.5, scored the same way, which comes out as {@code -A_FN} per scorable window) and
 * {@code perfect = A_TP * number of labelled windows}.</li>
 * </ul>
 * Window limits must be timestamps of the data file, as NAB's labeller guarantees; rows are identified by index.
 */
public final class NabScorer {

    /** NAB's {@code probationaryPercent}. */
    public static final double PROBATION_PERCENT = 0.15;

    /** A NAB application profile's cost matrix. */
    public record Costs(double tpWeight, double fpWeight, double fnWeight) {
        /** NAB's "standard" profile. */
        public static final Costs STANDARD = new Costs(1.0, 0.11, 1.0);
    }

    /** An anomaly window, by row index, both ends included. */
    public record Window(int start, int end) {
        public Window {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad window [" + start + ", " + end + "]");
            }
        }
    }

    /** The score of the pooled rows for one threshold, with the row counts NAB reports. */
    public record ThresholdScore(double threshold, double score, int tp, int tn, int fp, int fn) {
    }

    /** One file's score and counts at the chosen threshold. */
    public record FileScore(String name, double score, int tp, int tn, int fp, int fn, int windows,
            int windowsDetected) {
    }

    /** The outcome of scoring a corpus. */
    public record Result(double threshold, double raw, double nullScore, double perfect, double normalised,
            List<FileScore> files) {
    }

    private static final int PROBATIONARY = -2;
    private static final int OUTSIDE = -1;

    private final Costs costs;
    private final Map<String, FileRows> files = new LinkedHashMap<>();
    private int windowCount;

    /** File rows after the sweep; {@code window[i]} is a corpus-wide window id, OUTSIDE or PROBATIONARY. */
    private record FileRows(String name, double[] anomaly, double[] sweep, int[] window, int firstWindow,
            int windows) {
    }

    public NabScorer(Costs costs) {
        this.costs = costs;
    }

    /** {@code 2 * sigmoid(-5x) - 1}, and -1 beyond 3 (NAB's {@code scaledSigmoid}). */
    public static double scaledSigmoid(double relativePosition) {
        if (relativePosition > 3.0) {
            return -1.0;
        }
        return 2.0 / (1.0 + Math.exp(5.0 * relativePosition)) - 1.0;
    }

    /** Rows ignored at the start of a file of {@code rows} rows. */
    public static int probationaryLength(int rows) {
        return (int) Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
    }

    /**
     * Adds one file's anomaly scores (one per row, each in [0, 1]) and its windows (sorted, not overlapping).
     */
    public void add(String name, double[] anomalyScores, List<Window> windows) {
        if (files.containsKey(name)) {
            throw new IllegalArgumentException("file added twice: " + name);
        }
        int n = anomalyScores.length;
        for (int i = 0; i < n; i++) {
            double s = anomalyScores[i];
            if (!(s >= 0.0 && s <= 1.0)) {
                throw new IllegalArgumentException(name + ": anomaly score " + s + " at row " + i + " is not in [0, 1]");
            }
        }
        for (int w = 0; w < windows.size(); w++) {
            Window win = windows.get(w);
            if (win.end() >= n || (w > 0 && win.start() <= windows.get(w - 1).end())) {
                throw new IllegalArgumentException(name + ": windows must lie in the file, sorted, not overlapping");
            }
        }
        double maxTp = scaledSigmoid(-1.0);
        int probation = probationaryLength(n);
        double[] sweep = new double[n];
        int[] window = new int[n];
        int next = 0;
        Window current = null;
        Window previous = null;
        for (int i = 0; i < n; i++) {
            if (current == null && next < windows.size() && i == windows.get(next).start()) {
                current = windows.get(next++);
            }
            if (current != null) {
                double width = current.end() - current.start() + 1;
                double position = -(current.end() - i + 1) / width;
                sweep[i] = scaledSigmoid(position) * costs.tpWeight() / maxTp;
            } else if (previous == null) {
                sweep[i] = -1.0 * costs.fpWeight();
            } else {
                double previousWidth = previous.end() - previous.start() + 1;
                sweep[i] = scaledSigmoid(Math.abs(previous.end() - i) / (previousWidth - 1)) * costs.fpWeight();
            }
            window[i] = i < probation ? PROBATIONARY : current == null ? OUTSIDE : windowCount + next - 1;
            if (current != null && i == current.end()) {
                previous = current;
                current = null;
            }
        }
        files.put(name, new FileRows(name, anomalyScores.clone(), sweep, window, windowCount, windows.size()));
        windowCount += windows.size();
    }

    /** The pooled score for every distinct threshold, from the highest (1.1: no detection) down. */
    public List<ThresholdScore> scoresByThreshold() {
        int total = 0;
        for (FileRows f : files.values()) {
            for (int w : f.window()) {
                if (w != PROBATIONARY) {
                    total++;
                }
            }
        }
        double[] score = new double[total];
        double[] sweep = new double[total];
        int[] window = new int[total];
        int k = 0;
        for (FileRows f : files.values()) {
            for (int i = 0; i < f.window().length; i++) {
                if (f.window()[i] != PROBATIONARY) {
                    score[k] = f.anomaly()[i];
                    sweep[k] = f.sweep()[i];
                    window[k] = f.window()[i];
                    k++;
                }
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        // stable, like Python's sorted(..., reverse=True)
        Arrays.sort(order, (a, b) -> Double.compare(score[b], score[a]));

        // per-window part: -A_FN until detected, then the best reward; only windows that have scorable rows count
        double[] windowPart = new double[windowCount];
        boolean[] scorable = new boolean[windowCount];
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < total; i++) {
            if (window[i] >= 0) {
                scorable[window[i]] = true;
                fn++;
            } else {
                tn++;
            }
        }
        double windowsSum = 0;
        for (int w = 0; w < windowCount; w++) {
            if (scorable[w]) {
                windowPart[w] = -costs.fnWeight();
                windowsSum += windowPart[w];
            }
        }
        double fpSum = 0;
        int tp = 0;
        int fp = 0;
        List<ThresholdScore> out = new ArrayList<>();
        double threshold = 1.1;
        for (int idx : order) {
            if (score[idx] != threshold) {
                out.add(new ThresholdScore(threshold, fpSum + windowsSum, tp, tn, fp, fn));
                threshold = score[idx];
            }
            int w = window[idx];
            if (w >= 0) {
                tp++;
                fn--;
                if (sweep[idx] > windowPart[w]) {
                    windowsSum += sweep[idx] - windowPart[w];
                    windowPart[w] = sweep[idx];
                }
            } else {
                fp++;
                tn--;
                fpSum += sweep[idx];
            }
        }
        out.add(new ThresholdScore(threshold, fpSum + windowsSum, tp, tn, fp, fn));
        return out;
    }

    /** The threshold with the highest pooled score (the highest such threshold on ties). */
    public ThresholdScore optimise() {
        ThresholdScore best = null;
        for (ThresholdScore s : scoresByThreshold()) {
            if (best == null || s.score() > best.score()) {
                best = s;
            }
        }
        return best;
    }

    /** Each file's score and counts with detections at {@code anomalyScore >= threshold}. */
    public List<FileScore> scoreFiles(double threshold) {
        List<FileScore> out = new ArrayList<>();
        for (FileRows f : files.values()) {
            double[] best = new double[f.windows()];
            boolean[] scorable = new boolean[f.windows()];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            double fpSum = 0;
            int tp = 0;
            int tn = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < f.window().length; i++) {
                int w = f.window()[i];
                if (w == PROBATIONARY) {
                    continue;
                }
                boolean detected = f.anomaly()[i] >= threshold;
                if (w >= 0) {
                    scorable[w - f.firstWindow()] = true;
                    if (detected) {
                        tp++;
                        best[w - f.firstWindow()] = Math.max(best[w - f.firstWindow()], f.sweep()[i]);
                    } else {
                        fn++;
                    }
                } else if (detected) {
                    fp++;
                    fpSum += f.sweep()[i];
                } else {
                    tn++;
                }
            }
            double score = fpSum;
            int detectedWindows = 0;
            int scorableWindows = 0;
            for (int w = 0; w < f.windows(); w++) {
                if (scorable[w]) {
                    scorableWindows++;
                    if (best[w] > Double.NEGATIVE_INFINITY) {
                        detectedWindows++;
                        score += Math.max(best[w], -costs.fnWeight());
                    } else {
                        score -= costs.fnWeight();
                    }
                }
            }
            out.add(new FileScore(f.name(), score, tp, tn, fp, fn, scorableWindows, detectedWindows));
        }
        return out;
    }

    /** Optimises the threshold, scores each file with it and normalises against the null detector. */
    public Result score() {
        ThresholdScore best = optimise();
        NabScorer nullDetector = new NabScorer(costs);
        for (FileRows f : files.values()) {
            double[] half = new double[f.anomaly().length];
            Arrays.fill(half, 0.5);
            nullDetector.addSwept(f, half);
        }
        double nullScore = nullDetector.optimise().score();
        double perfect = costs.tpWeight() * windowCount;
        double normalised = 100.0 * (best.score() - nullScore) / (perfect - nullScore);
        return new Result(best.threshold(), best.score(), nullScore, perfect, normalised, scoreFiles(best.threshold()));
    }

    private void addSwept(FileRows like, double[] anomaly) {
        files.put(like.name(), new FileRows(like.name(), anomaly, like.sweep(), like.window(), like.firstWindow(),
                like.windows()));
        windowCount += like.windows();
    }
}
