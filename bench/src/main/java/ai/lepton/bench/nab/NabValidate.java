package ai.lepton.bench.nab;

import ai.lepton.ml.telemetry.AnomalyDetector;
import ai.lepton.ml.telemetry.AnomalyDetectorOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Leave-one-file-out validation of the detector's options (the protocol in bench/README.md, NAB section).
 *
 * <p>The grid is fixed: every option the detector exposes except the reference window and the warm-up, at its
 * default times 2/3, 1 and 3/2
 * (all combinations). For each file, the option set with the best NAB score (standard profile, threshold optimised
 * by NAB's sweep) on the other files is chosen, ties going to the earlier set in grid order (the default set comes
 * first), and the held-out file is scored with it. The held-out score arrays of all files are then pooled and scored
 * once with {@link NabScorer}, so the threshold is NAB's own optimum over the pooled held-out scores, as in NAB.
 * Labels of the held-out file are used only in that last step.
 */
public final class NabValidate {

    private NabValidate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: NabValidate DATA_DIR LABELS");
            System.exit(2);
        }
        List<NabCorpus.DataFile> files = NabCorpus.readData(Path.of(args[0]));
        Map<String, List<LocalDateTime[]>> labels = NabCorpus.readLabels(Path.of(args[1]));
        List<List<NabScorer.Window>> windows = new ArrayList<>();
        for (NabCorpus.DataFile f : files) {
            List<LocalDateTime[]> limits = labels.get(f.relative());
            if (limits == null) {
                throw new IOException("no labels for " + f.relative());
            }
            windows.add(NabCorpus.windows(f, limits));
        }
        List<AnomalyDetectorOptions> grid = grid(AnomalyDetectorOptions.defaults());
        int n = files.size();
        double[][][] scores = new double[grid.size()][n][];
        for (int g = 0; g < grid.size(); g++) {
            for (int i = 0; i < n; i++) {
                scores[g][i] = run(grid.get(g), files.get(i));
            }
        }
        System.out.printf(Locale.ROOT, "Leave-one-file-out over %d files, grid of %d option sets, %s, Java %s%n", n,
                grid.size(), LocalDate.now(), System.getProperty("java.version"));
        double[] inSample = new double[grid.size()];
        for (int g = 0; g < grid.size(); g++) {
            inSample[g] = score(files, windows, scores[g], -1);
        }
        System.out.printf(Locale.ROOT, "in-sample: defaults %.2f; grid min %.2f, max %.2f%n", inSample[0],
                min(inSample), max(inSample));
        System.out.println("| held-out file | chosen option set | its score on the other files |");
        System.out.println("|---|---|---:|");
        double[][] heldOut = new double[n][];
        for (int i = 0; i < n; i++) {
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < grid.size(); g++) {
                double s = score(files, windows, scores[g], i);
                if (s > bestScore) {
                    best = g;
                    bestScore = s;
                }
            }
            heldOut[i] = scores[best][i];
            System.out.printf(Locale.ROOT, "| %s | %s | %.2f |%n", files.get(i).fileName(), describe(grid.get(best)),
                    bestScore);
        }
        System.out.printf(Locale.ROOT, "leave-one-file-out pooled NAB score: %.2f%n",
                score(files, windows, heldOut, -1));
    }

    /** Local window, smoothing window and alarm hold at 2/3, 1 and 3/2 of their defaults, the defaults first. */
    static List<AnomalyDetectorOptions> grid(AnomalyDetectorOptions d) {
        double[] f = {1.0, 2.0 / 3, 1.5};
        List<AnomalyDetectorOptions> out = new ArrayList<>();
        for (double a : f) {
            for (double b : f) {
                for (double c : f) {
                    out.add(new AnomalyDetectorOptions(d.referenceWindow(), times(d.localWindow(), a),
                            times(d.smoothingWindow(), b), times(d.alarmHold(), c), d.warmUpPoints()));
                }
            }
        }
        return out;
    }

    private static Duration times(Duration d, double f) {
        return Duration.ofSeconds(Math.round(d.toSeconds() * f));
    }

    static String describe(AnomalyDetectorOptions o) {
        return "local " + minutes(o.localWindow()) + ", smoothing " + minutes(o.smoothingWindow()) + ", hold "
                + minutes(o.alarmHold());
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }

    static double[] run(AnomalyDetectorOptions options, NabCorpus.DataFile f) {
        AnomalyDetector d = new AnomalyDetector(options);
        long[] t = f.epochMillis();
        double[] v = f.values();
        double[] s = new double[v.length];
        for (int i = 0; i < s.length; i++) {
            // as written to and read back from a NAB result file
            s[i] = Double.parseDouble(NabCorpus.format12(d.score(t[i], v[i])));
        }
        return s;
    }

    /** Normalised NAB score of all files but {@code skip} (-1: all). */
    static double score(List<NabCorpus.DataFile> files, List<List<NabScorer.Window>> windows, double[][] scores,
            int skip) {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        for (int i = 0; i < files.size(); i++) {
            if (i != skip) {
                scorer.add(files.get(i).relative(), scores[i], windows.get(i));
            }
        }
        return scorer.score().normalised();
    }

    private static double min(double[] a) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : a) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] a) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : a) {
            m = Math.max(m, x);
        }
        return m;
    }
}
