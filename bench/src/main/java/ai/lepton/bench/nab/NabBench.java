package ai.lepton.bench.nab;

import ai.lepton.ml.telemetry.AnomalyDetector;
import ai.lepton.ml.telemetry.Forecast;
import ai.lepton.ml.telemetry.Forecaster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * NAB benchmark driver for the telemetry detector and forecaster.
 *
 * <ul>
 * <li>{@code run DATA_DIR RESULTS_DIR}: scores every {@code DATA_DIR/<category>/<file>.csv} with Lepton's
 * {@link AnomalyDetector} and with NAB's windowed Gaussian, writing NAB result files
 * {@code RESULTS_DIR/<detector>/<category>/<detector>_<file>.csv} ({@code timestamp,value,anomaly_score}, one row
 * per input row, timestamps copied verbatim).</li>
 * <li>{@code score DATA_DIR LABELS RESULTS_DIR}: {@code run}, then times both detectors (single thread, in memory)
 * and scores the written result files with {@link NabScorer}, standard profile.</li>
 * <li>{@code validate DATA_DIR LABELS}: leave-one-file-out validation of the detector's options
 * ({@link NabValidate}).</li>
 * <li>{@code forecast DATA_DIR [HORIZON] [PERIOD]}: rolling-origin evaluation of {@link Forecaster} against the
 * seasonal-naive forecast (period {@code PERIOD}, default 288 = one day of 5-minute points).</li>
 * </ul>
 */
public final class NabBench {

    static final String LEPTON = "lepton";
    static final String GAUSSIAN = "windowedGaussian";

    private NabBench() {
    }

    /** A detector over one whole series. */
    interface SeriesDetector {
        double[] scores(NabCorpus.DataFile file);
    }

    static final SeriesDetector LEPTON_DETECTOR = f -> {
        AnomalyDetector d = new AnomalyDetector();
        double[] s = new double[f.rows()];
        long[] t = f.epochMillis();
        double[] v = f.values();
        for (int i = 0; i < s.length; i++) {
            s[i] = d.score(t[i], v[i]);
        }
        return s;
    };

    static final SeriesDetector GAUSSIAN_DETECTOR = f -> {
        WindowedGaussian g = new WindowedGaussian();
        double[] s = new double[f.rows()];
        double[] v = f.values();
        for (int i = 0; i < s.length; i++) {
            s[i] = g.score(v[i]);
        }
        return s;
    };

    public static void main(String[] args) throws Exception {
        String usage = "usage: run DATA_DIR RESULTS_DIR | score DATA_DIR LABELS RESULTS_DIR | validate DATA_DIR LABELS "
                + "| forecast DATA_DIR [HORIZON] [PERIOD]";
        if (args.length == 0) {
            System.err.println(usage);
            System.exit(2);
        }
        switch (args[0]) {
            case "run" -> {
                require(args, 3, usage);
                run(NabCorpus.readData(Path.of(args[1])), Path.of(args[2]));
            }
            case "score" -> {
                require(args, 4, usage);
                score(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]));
            }
            case "validate" -> {
                require(args, 3, usage);
                NabValidate.main(new String[] {args[1], args[2]});
            }
            case "forecast" -> {
                require(args, 2, usage);
                forecast(NabCorpus.readData(Path.of(args[1])), args.length > 2 ? Integer.parseInt(args[2]) : 12,
                        args.length > 3 ? Integer.parseInt(args[3]) : 288);
            }
            default -> {
                System.err.println(usage);
                System.exit(2);
            }
        }
    }

    private static void require(String[] args, int n, String usage) {
        if (args.length < n) {
            System.err.println(usage);
            System.exit(2);
        }
    }

    static void run(List<NabCorpus.DataFile> files, Path results) throws IOException {
        if (files.isEmpty()) {
            throw new IOException("no <category>/<file>.csv files in the data directory");
        }
        long rows = 0;
        for (NabCorpus.DataFile f : files) {
            NabCorpus.writeResults(NabCorpus.resultPath(results, LEPTON, f), f, LEPTON_DETECTOR.scores(f));
            NabCorpus.writeResults(NabCorpus.resultPath(results, GAUSSIAN, f), f, GAUSSIAN_DETECTOR.scores(f));
            rows += f.rows();
        }
        System.out.printf(Locale.ROOT, "Wrote %s and %s results for %d files, %,d rows, under %s%n", LEPTON, GAUSSIAN,
                files.size(), rows, results);
    }

    static void score(Path data, Path labelsFile, Path results) throws IOException {
        List<NabCorpus.DataFile> files = NabCorpus.readData(data);
        Map<String, List<LocalDateTime[]>> labels = NabCorpus.readLabels(labelsFile);
        run(files, results);
        long points = files.stream().mapToLong(NabCorpus.DataFile::rows).sum();
        double gaussianRate = throughput(files, GAUSSIAN_DETECTOR, points);
        double leptonRate = throughput(files, LEPTON_DETECTOR, points);

        System.out.printf(Locale.ROOT, "%nNAB standard profile (A_TP 1, A_FP 0.11, A_FN 1), %d files, %s, Java %s, "
                + "%d cores%n", files.size(), LocalDate.now(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.println("| detector | normalised score | raw | threshold | windows detected | FP rows |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        NabScorer.Result lepton = null;
        for (String detector : List.of(GAUSSIAN, LEPTON)) {
            NabScorer scorer = scorer(files, labels, results, detector);
            NabScorer.Result r = scorer.score();
            printRow(detector, r, r.threshold(), r.files());
            if (detector.equals(LEPTON)) {
                lepton = r;
                List<NabScorer.FileScore> atAlarm = scorer.scoreFiles(AnomalyDetector.ALARM_THRESHOLD);
                double raw = atAlarm.stream().mapToDouble(NabScorer.FileScore::score).sum();
                double norm = 100 * (raw - r.nullScore()) / (r.perfect() - r.nullScore());
                printRow(detector + " at its alarm threshold", new NabScorer.Result(
                        AnomalyDetector.ALARM_THRESHOLD, raw, r.nullScore(), r.perfect(), norm, atAlarm),
                        AnomalyDetector.ALARM_THRESHOLD, atAlarm);
            }
        }
        System.out.println("\nLepton per file (at the optimised threshold):");
        System.out.println("| file | score | windows detected | FP rows |");
        System.out.println("|---|---:|---:|---:|");
        for (NabScorer.FileScore f : lepton.files()) {
            System.out.printf(Locale.ROOT, "| %s | %.3f | %d/%d | %d |%n", f.name(), f.score(), f.windowsDetected(),
                    f.windows(), f.fp());
        }
        System.out.printf(Locale.ROOT, "%nThroughput, one thread, %,d points, median of 5 passes:%n", points);
        System.out.println("| detector | points/s | ratio to windowed Gaussian |");
        System.out.println("|---|---:|---:|");
        System.out.printf(Locale.ROOT, "| %s | %,.0f | 1.00 |%n", GAUSSIAN, gaussianRate);
        System.out.printf(Locale.ROOT, "| %s | %,.0f | %.2f |%n", LEPTON, leptonRate, leptonRate / gaussianRate);
    }

    private static void printRow(String name, NabScorer.Result r, double threshold, List<NabScorer.FileScore> files) {
        int detected = files.stream().mapToInt(NabScorer.FileScore::windowsDetected).sum();
        int windows = files.stream().mapToInt(NabScorer.FileScore::windows).sum();
        int fp = files.stream().mapToInt(NabScorer.FileScore::fp).sum();
        System.out.printf(Locale.ROOT, "| %s | %.2f | %.3f | %.6g | %d/%d | %d |%n", name, r.normalised(), r.raw(),
                threshold, detected, windows, fp);
    }

    static NabScorer scorer(List<NabCorpus.DataFile> files, Map<String, List<LocalDateTime[]>> labels, Path results,
            String detector) throws IOException {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        for (NabCorpus.DataFile f : files) {
            List<LocalDateTime[]> limits = labels.get(f.relative());
            if (limits == null) {
                throw new IOException("no labels for " + f.relative());
            }
            scorer.add(f.relative(), NabCorpus.readScores(NabCorpus.resultPath(results, detector, f), f),
                    NabCorpus.windows(f, limits));
        }
        return scorer;
    }

    /** Points per second over all files, single thread: two warm-up passes, then the median of five. */
    static double throughput(List<NabCorpus.DataFile> files, SeriesDetector detector, long points) {
        double sink = 0;
        double[] rates = new double[5];
        for (int pass = -2; pass < rates.length; pass++) {
            long t0 = System.nanoTime();
            for (NabCorpus.DataFile f : files) {
                double[] s = detector.scores(f);
                sink += s[s.length - 1];
            }
            long t1 = System.nanoTime();
            if (pass >= 0) {
                rates[pass] = points / ((t1 - t0) / 1e9);
            }
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("detector produced NaN");
        }
        Arrays.sort(rates);
        return rates[rates.length / 2];
    }

    /**
     * Rolling-origin evaluation: origins every {@code horizon} points from max(2 periods, 15 % of the series); at
     * each, both forecasts see only the points before it. MASE divides by the mean absolute error of the in-sample
     * seasonal-naive forecast over the points before the first origin (R. J. Hyndman, A. B. Koehler, "Another look at
     * measures of forecast accuracy", IJF 22, 2006); sMAPE is {@code 200 |a - f| / (|a| + |f|)}, 0 when both are 0.
     */
    static void forecast(List<NabCorpus.DataFile> files, int horizon, int period) {
        Forecaster forecaster = new Forecaster();
        System.out.printf(Locale.ROOT, "Rolling-origin forecast evaluation, horizon %d, seasonal naive with period %d, "
                + "%s, Java %s%n", horizon, period, LocalDate.now(), System.getProperty("java.version"));
        System.out.println("| series | MASE Lepton | MASE seasonal naive | sMAPE Lepton | sMAPE seasonal naive | "
                + "90 % interval coverage | period found (most origins) | origins |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        int wins = 0;
        int smapeWins = 0;
        List<Double> ratios = new ArrayList<>();
        double sumMaseF = 0;
        double sumMaseS = 0;
        double sumSmapeF = 0;
        double sumSmapeS = 0;
        long started = System.nanoTime();
        long calls = 0;
        for (NabCorpus.DataFile f : files) {
            double[] y = f.values();
            int n = y.length;
            int first = Math.max(2 * period, (int) (0.15 * n));
            if (first + horizon > n) {
                System.out.printf(Locale.ROOT, "| %s | too short | | | | | | |%n", f.fileName());
                continue;
            }
            double scale = 0;
            for (int t = period; t < first; t++) {
                scale += Math.abs(y[t] - y[t - period]);
            }
            scale /= first - period;
            double aeF = 0;
            double aeS = 0;
            double smF = 0;
            double smS = 0;
            int k = 0;
            int inside = 0;
            int origins = 0;
            Map<Integer, Integer> periods = new java.util.HashMap<>();
            for (int o = first; o + horizon <= n; o += horizon) {
                Forecast fc = forecaster.forecast(Arrays.copyOf(y, o), horizon, 0.9);
                calls++;
                origins++;
                periods.merge(fc.period(), 1, Integer::sum);
                double[] mean = fc.mean();
                double[] lo = fc.lower();
                double[] hi = fc.upper();
                for (int h = 1; h <= horizon; h++) {
                    double actual = y[o + h - 1];
                    double naive = y[o + h - 1 - period * ((h - 1) / period + 1)];
                    aeF += Math.abs(actual - mean[h - 1]);
                    aeS += Math.abs(actual - naive);
                    smF += smape(actual, mean[h - 1]);
                    smS += smape(actual, naive);
                    inside += actual >= lo[h - 1] && actual <= hi[h - 1] ? 1 : 0;
                    k++;
                }
            }
            double maseF = aeF / k / scale;
            double maseS = aeS / k / scale;
            wins += maseF < maseS ? 1 : 0;
            smapeWins += smF < smS ? 1 : 0;
            ratios.add(maseF / maseS);
            sumMaseF += maseF;
            sumMaseS += maseS;
            sumSmapeF += smF / k;
            sumSmapeS += smS / k;
            int usual = periods.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
            System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.2f | %.2f | %.3f | %d | %d |%n", f.fileName(), maseF,
                    maseS, smF / k, smS / k, (double) inside / k, usual, origins);
        }
        int m = ratios.size();
        Collections.sort(ratios);
        System.out.printf(Locale.ROOT, "| mean of %d series | %.3f | %.3f | %.2f | %.2f | | | |%n", m, sumMaseF / m,
                sumMaseS / m, sumSmapeF / m, sumSmapeS / m);
        System.out.printf(Locale.ROOT, "%nLepton beats seasonal naive on MASE for %d of %d series and on sMAPE for %d; "
                + "median MASE ratio %.3f; %.1f ms per forecast%n", wins, m, smapeWins, ratios.get(m / 2),
                (System.nanoTime() - started) / 1e6 / calls);
    }

    static double smape(double actual, double forecast) {
        double d = Math.abs(actual) + Math.abs(forecast);
        return d == 0 ? 0 : 200 * Math.abs(actual - forecast) / d;
    }
}
