package ai.lepton.ml.train;

import io.quarkus.logging.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;

/**
 * Test-split metrics computed in one pass over a {@link RowSpill}, each row predicted through Tribuo's
 * {@code Model.predict}: the same keys and shapes, and the same definitions, as Tribuo's {@code LabelEvaluation}
 * (micro accuracy; precision, recall and F1 per class, 0 where undefined; macro F1 over the model's classes) and
 * {@code RegressionEvaluation} (RMSE, MAE, R^2 about the mean) that {@link TrainingRun} reports for in-memory models.
 *
 * <p>A row Tribuo cannot predict (none of its features is known to the model) or whose label the model never saw is
 * left out of the figures and logged; the in-memory evaluation would fail the job on it.
 */
final class StreamedMetrics {

    private StreamedMetrics() {
    }

    /**
     * Classification metrics.
     *
     * @param labels the labels of the spill's label indexes
     */
    static Map<String, Object> labels(Model<Label> model, RowSpill rows, StreamedLinearSGD.Encoder encoder,
            List<Label> labels, RowSpill.Checkpoint checkpoint) throws IOException, TrainingRun.Cancelled {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", (int) rows.rows());
        if (rows.rows() == 0) {
            return m;
        }
        List<Label> domain = new ArrayList<>(model.getOutputIDInfo().getDomain());
        domain.sort(Comparator.comparing(Label::getLabel));
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < domain.size(); i++) {
            position.put(domain.get(i).getLabel(), i);
        }
        // spill label index -> position in the sorted domain (-1: a label the model never saw)
        int[] truthAt = new int[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            truthAt[i] = position.getOrDefault(labels.get(i).getLabel(), -1);
        }
        long[][] confusion = new long[domain.size()][domain.size()];
        long[] left = new long[1];
        String[] names = new String[encoder.columns()];
        double[] values = new double[encoder.columns()];
        rows.sequential(r -> {
            int truth = truthAt[(int) r.output()];
            int k = encoder.named(r, names, values);
            if (truth < 0 || k == 0) {
                left[0]++;
                return;
            }
            try {
                Label predicted = model.predict(new ArrayExample<>(labels.get((int) r.output()),
                        Arrays.copyOf(names, k), Arrays.copyOf(values, k))).getOutput();
                confusion[truth][position.get(predicted.getLabel())]++;
            } catch (IllegalArgumentException noKnownFeature) {
                left[0]++;
            }
        }, checkpoint);
        if (left[0] > 0) {
            Log.warnf("%d of %d evaluation rows left out: no feature or label known to the model", left[0],
                    rows.rows());
        }
        int n = domain.size();
        long correct = 0;
        long total = 0;
        double f1Sum = 0;
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            long tp = confusion[i][i];
            long support = 0;
            long predictedAs = 0;
            for (int j = 0; j < n; j++) {
                support += confusion[i][j];
                predictedAs += confusion[j][i];
            }
            correct += tp;
            total += support;
            double precision = ratio(tp, predictedAs);
            double recall = ratio(tp, support);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            f1Sum += f1;
            perClass.put(domain.get(i).getLabel(), Map.of("precision", precision, "recall", recall, "f1", f1,
                    "support", support));
        }
        m.put("accuracy", total == 0 ? Double.NaN : (double) correct / total);
        m.put("macroF1", n == 0 ? Double.NaN : f1Sum / n);
        m.put("perClass", perClass);
        List<List<Long>> matrix = new ArrayList<>();
        for (long[] row : confusion) {
            List<Long> r = new ArrayList<>();
            for (long v : row) {
                r.add(v);
            }
            matrix.add(r);
        }
        m.put("confusionMatrix", Map.of("labels", domain.stream().map(Label::getLabel).toList(),
                "rowsAreTruth", matrix));
        return m;
    }

    /** Regression metrics for a one-dimensional target named {@code target}. */
    static Map<String, Object> regression(Model<Regressor> model, RowSpill rows, StreamedLinearSGD.Encoder encoder,
            String target, RowSpill.Checkpoint checkpoint) throws IOException, TrainingRun.Cancelled {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", (int) rows.rows());
        if (rows.rows() == 0) {
            return m;
        }
        String[] names = new String[encoder.columns()];
        double[] values = new double[encoder.columns()];
        // n, sum of squared errors, sum of absolute errors, Welford's mean and sum of squared deviations of the truth
        double[] s = new double[5];
        long[] left = new long[1];
        rows.sequential(r -> {
            int k = encoder.named(r, names, values);
            if (k == 0) {
                left[0]++;
                return;
            }
            double truth = r.output();
            double predicted;
            try {
                predicted = model.predict(new ArrayExample<>(new Regressor(target, truth), Arrays.copyOf(names, k),
                        Arrays.copyOf(values, k))).getOutput().getValues()[0];
            } catch (IllegalArgumentException noKnownFeature) {
                left[0]++;
                return;
            }
            double e = truth - predicted;
            s[0]++;
            s[1] += e * e;
            s[2] += Math.abs(e);
            double d = truth - s[3];
            s[3] += d / s[0];
            s[4] += d * (truth - s[3]);
        }, checkpoint);
        if (left[0] > 0) {
            Log.warnf("%d of %d evaluation rows left out: no feature known to the model", left[0], rows.rows());
        }
        m.put("rmse", Math.sqrt(s[1] / s[0]));
        m.put("mae", s[2] / s[0]);
        m.put("r2", 1 - s[1] / s[4]);
        return m;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
