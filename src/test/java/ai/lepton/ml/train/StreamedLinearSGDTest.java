package ai.lepton.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.RowStream;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.Split;
import ai.lepton.ml.api.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;

class StreamedLinearSGDTest {

    @TempDir
    Path work;

    private static final List<ColumnSchema> POINTS = List.of(new ColumnSchema("x1", ColumnType.DECIMAL, List.of()),
            new ColumnSchema("x2", ColumnType.DECIMAL, List.of()),
            new ColumnSchema("colour", ColumnType.CATEGORICAL, List.of()),
            new ColumnSchema("label", ColumnType.CATEGORICAL, List.of()));

    /** Two classes split by the line x1 + x2 = 1, with a categorical column that carries no signal. */
    private static RowStream separable(int n, long seed) {
        Random r = new Random(seed);
        String[] colours = {"red", "green", "blue"};
        return stream(POINTS, n, i -> {
            double x1 = r.nextDouble() * 10 - 5;
            double x2 = r.nextDouble() * 10 - 5;
            return new Object[] {x1, x2, colours[r.nextInt(3)], x1 + x2 > 1 ? "above" : "below"};
        });
    }

    private static RowStream stream(List<ColumnSchema> cols, int n, IntFunction<Object[]> row) {
        return new RowStream() {
            int i;
            Object[] current;

            @Override
            public List<ColumnSchema> columns() {
                return cols;
            }

            @Override
            public boolean next() {
                if (i >= n) {
                    return false;
                }
                current = row.apply(i++);
                return true;
            }

            @Override
            public Object value(int index) {
                return current[index];
            }

            @Override
            public void close() {
            }
        };
    }

    private static final TrainingRun.Listener QUIET = new TrainingRun.Listener() {
        @Override
        public void progress(double fraction, String stage) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    private TrainingRun.Result train(Task task, Algorithm algorithm, List<ColumnSchema> cols, String target,
            Map<String, Object> hyper, Split split, RowStream rows, long n) throws Exception {
        FeaturePlan plan = FeaturePlan.of(cols, task, target, null);
        return new TrainingRun(task, algorithm, plan, HyperParameters.validate(algorithm, hyper), split, QUIET)
                .run(rows, n, "test data", work);
    }

    @SuppressWarnings("unchecked")
    private static <T extends org.tribuo.Output<T>> Model<T> load(TrainingRun.Result r) throws IOException {
        return (Model<T>) Model.deserializeFromFile(r.artifact());
    }

    @Test
    void linearSgdSeparatesSeparableClassesAndYieldsATribuoLinearSgdModel() throws Exception {
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LINEAR_SGD, POINTS, "label", Map.of("epochs", 5),
                Split.defaults(), separable(4000, 1), 4000);
        assertThat((double) r.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.95);
        assertThat((double) r.metrics().get("macroF1")).isGreaterThanOrEqualTo(0.95);
        assertThat(r.trainRows() + r.testRows()).isLessThan(4000);
        assertThat(r.trainRows()).isCloseTo(2800, within(8L));
        assertThat(r.testRows()).isCloseTo(800, within(8L));

        Model<Label> model = load(r);
        assertThat(model).isInstanceOf(LinearSGDModel.class);
        assertThat(model.getFeatureIDMap().getID("colour=red")).isGreaterThanOrEqualTo(0);
        assertThat(model.getOutputIDInfo().getDomain()).extracting(Label::getLabel)
                .containsExactlyInAnyOrder("above", "below");
        // the normal Tribuo API, on rows far from the boundary
        assertThat(model.predict(new ArrayExample<>(new Label("?"), new String[] {"x1", "x2", "colour=blue"},
                new double[] {4, 3, 1})).getOutput().getLabel()).isEqualTo("above");
        assertThat(model.predict(new ArrayExample<>(new Label("?"), new String[] {"x1", "x2"},
                new double[] {-4, -2})).getOutput().getLabel()).isEqualTo("below");
        assertThat(r.provenanceJson()).contains("LinearSGDTrainer").contains("Hinge").contains("AdaGrad")
                .contains("org.tribuo.MutableDataset");
        assertThat(model.getProvenance().getDatasetProvenance().getNumExamples()).isEqualTo((int) r.trainRows());
    }

    @Test
    void metricsHaveTheShapeOfTribuosLabelEvaluation() throws Exception {
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, POINTS, "label",
                Map.of("epochs", 5), Split.defaults(), separable(2000, 2), 2000);
        Map<String, Object> m = r.metrics();
        assertThat(m).containsKeys("rows", "accuracy", "macroF1", "perClass", "confusionMatrix", "validation");
        assertThat(m.get("rows")).isEqualTo((int) r.testRows());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) m.get("perClass");
        assertThat(perClass).containsOnlyKeys("above", "below");
        assertThat(perClass.get("above")).containsOnlyKeys("precision", "recall", "f1", "support");
        assertThat(perClass.get("above").get("support")).isInstanceOf(Long.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> cm = (Map<String, Object>) m.get("confusionMatrix");
        assertThat(cm.get("labels")).isEqualTo(List.of("above", "below"));
        @SuppressWarnings("unchecked")
        List<List<Long>> matrix = (List<List<Long>>) cm.get("rowsAreTruth");
        assertThat(matrix.stream().flatMap(List::stream).mapToLong(Long::longValue).sum()).isEqualTo(r.testRows());
        assertThat(matrix.get(0).get(0) + matrix.get(0).get(1)).isEqualTo(perClass.get("above").get("support"));
    }

    @Test
    void streamedMetricsAgreeWithTribuosEvaluatorOnTheSameRows() throws Exception {
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LINEAR_SGD, POINTS, "label", Map.of("epochs", 1),
                Split.defaults(), separable(600, 3), 600);
        Model<Label> model = load(r);
        // 300 fresh rows, noisy labels so that every cell of the confusion matrix is used
        Random rnd = new Random(9);
        boolean[] categorical = {false, false, true};
        List<String> colourNames = List.of("colour=red", "colour=green");
        List<Label> labels = List.of(new Label("above"), new Label("below"));
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("t", factory), factory);
        try (RowSpill spill = new RowSpill(work, "eval", categorical)) {
            for (int i = 0; i < 300; i++) {
                double x1 = rnd.nextDouble() * 4 - 2;
                double x2 = rnd.nextDouble() * 4 - 2;
                int colour = rnd.nextInt(2);
                int label = (x1 + x2 > 1) != (rnd.nextDouble() < 0.2) ? 0 : 1;
                spill.write(label, new double[] {x1, x2, Double.NaN}, new int[] {-1, -1, colour});
                data.add(new ArrayExample<>(labels.get(label), new String[] {"x1", "x2", colourNames.get(colour)},
                        new double[] {x1, x2, 1}));
            }
            spill.flush();
            StreamedLinearSGD.Encoder encoder = new StreamedLinearSGD.Encoder(categorical,
                    new String[] {"x1", "x2", null}, List.of(List.of(), List.of(), colourNames),
                    model.getFeatureIDMap());
            Map<String, Object> streamed = StreamedMetrics.labels(model, spill, encoder, labels, v -> {
            });
            LabelEvaluation tribuo = new LabelEvaluator().evaluate(model, data);
            assertThat((double) streamed.get("accuracy")).isEqualTo(tribuo.accuracy());
            assertThat((double) streamed.get("macroF1")).isCloseTo(tribuo.macroAveragedF1(), within(1e-12));
            assertThat(tribuo.accuracy()).isLessThan(0.95).isGreaterThan(0.5);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) streamed.get("perClass");
            for (Label l : labels) {
                assertThat((double) perClass.get(l.getLabel()).get("precision")).isCloseTo(tribuo.precision(l),
                        within(1e-12));
                assertThat((double) perClass.get(l.getLabel()).get("recall")).isCloseTo(tribuo.recall(l),
                        within(1e-12));
                assertThat((double) perClass.get(l.getLabel()).get("f1")).isCloseTo(tribuo.f1(l), within(1e-12));
                assertThat(perClass.get(l.getLabel()).get("support"))
                        .isEqualTo((long) tribuo.getConfusionMatrix().support(l));
            }
        }
    }

    @Test
    void unshuffledTheLoopGivesTribuosOwnWeightsAndDatasetProvenance() throws Exception {
        for (int batch : new int[] {1, 8}) {
            Random rnd = new Random(21);
            boolean[] categorical = {false, false, true};
            List<String> colourNames = List.of("colour=red", "colour=green", "colour=blue");
            List<Label> labels = List.of(new Label("above"), new Label("below"));
            LabelFactory factory = new LabelFactory();
            SimpleDataSourceProvenance source = new SimpleDataSourceProvenance("same rows", factory);
            MutableDataset<Label> data = new MutableDataset<>(source, factory);
            try (RowSpill spill = new RowSpill(work, "same", categorical)) {
                for (int i = 0; i < 1000; i++) {
                    double x1 = rnd.nextDouble() * 4 - 2;
                    boolean missing = i % 10 == 0;
                    double x2 = missing ? Double.NaN : rnd.nextDouble() * 4 - 2;
                    int colour = rnd.nextInt(3);
                    int label = x1 + (missing ? 0 : x2) > 0.5 ? 0 : 1;
                    spill.write(label, new double[] {x1, x2, Double.NaN}, new int[] {-1, -1, colour});
                    data.add(missing
                            ? new ArrayExample<>(labels.get(label), new String[] {"x1", colourNames.get(colour)},
                                    new double[] {x1, 1})
                            : new ArrayExample<>(labels.get(label), new String[] {"x1", "x2", colourNames.get(colour)},
                                    new double[] {x1, x2, 1}));
                }
                spill.flush();
                var features = data.getFeatureIDMap();
                var outputs = data.getOutputIDInfo();
                StreamedLinearSGD.Encoder encoder = new StreamedLinearSGD.Encoder(categorical,
                        new String[] {"x1", "x2", null}, List.of(List.of(), List.of(), colourNames), features);
                var provenance = StreamedLinearSGD.datasetProvenance(source, 1000, features.size(), outputs.size(),
                        false);
                assertThat(provenance).isEqualTo(data.getProvenance());

                var streamed = new StreamedLinearSGD.LabelLinearSGDTrainer(
                        new org.tribuo.classification.sgd.objectives.LogMulticlass(),
                        new org.tribuo.math.optimisers.AdaGrad(0.5, 1e-6), 3, 1_000_000, batch, 42);
                streamed.setShuffle(false);
                LinearSGDModel fromSpill = streamed.train(new StreamedLinearSGD.Data<>(spill, encoder, features,
                        outputs, v -> labels.get((int) v), provenance), f -> {
                        });
                var tribuo = new org.tribuo.classification.sgd.linear.LinearSGDTrainer(
                        new org.tribuo.classification.sgd.objectives.LogMulticlass(),
                        new org.tribuo.math.optimisers.AdaGrad(0.5, 1e-6), 3, 1_000_000, batch, 42);
                tribuo.setShuffle(false);
                LinearSGDModel inMemory = (LinearSGDModel) tribuo.train(data);
                assertThat(weights(fromSpill)).isDeepEqualTo(weights(inMemory));
                assertThat(fromSpill.getProvenance().getDatasetProvenance())
                        .isEqualTo(inMemory.getProvenance().getDatasetProvenance());
            }
        }
    }

    @Test
    void regressionRecoversAKnownLinearFunction() throws Exception {
        List<ColumnSchema> cols = List.of(new ColumnSchema("a", ColumnType.DECIMAL, List.of()),
                new ColumnSchema("b", ColumnType.DECIMAL, List.of()),
                new ColumnSchema("y", ColumnType.DECIMAL, List.of()));
        Random r = new Random(3);
        RowStream rows = stream(cols, 3000, i -> {
            double a = r.nextDouble() * 10 - 5;
            double b = r.nextDouble() * 10 - 5;
            return new Object[] {a, b, 3 * a - 2 * b + 5};
        });
        TrainingRun.Result result = train(Task.REGRESSION, Algorithm.LINEAR_SGD, cols, "y", Map.of("epochs", 20),
                Split.defaults(), rows, 3000);
        assertThat((double) result.metrics().get("r2")).isGreaterThanOrEqualTo(0.99);
        assertThat((double) result.metrics().get("rmse")).isLessThan(0.5);
        assertThat(result.metrics()).containsKeys("rows", "mae", "validation");
        Model<Regressor> model = load(result);
        assertThat(model).isInstanceOf(org.tribuo.regression.sgd.linear.LinearSGDModel.class);
        double predicted = model.predict(new ArrayExample<>(new Regressor("y", Double.NaN), new String[] {"a", "b"},
                new double[] {1, 1})).getOutput().getValues()[0];
        assertThat(predicted).isCloseTo(6.0, within(0.3));
    }

    @Test
    void minibatchesTrainToo() throws Exception {
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, POINTS, "label",
                Map.of("epochs", 10, "minibatchSize", 16), Split.defaults(), separable(3000, 4), 3000);
        assertThat((double) r.metrics().get("accuracy")).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void splitKeepsEachClassInTheRequestedProportionsWhateverTheRowOrder() {
        StreamingSplit s = new StreamingSplit(new Split(0.7, 0.1, 0.2, 7));
        // a rare class and a common one, sorted by class: the worst order for a running split
        int rare = 0;
        int common = 0;
        for (long i = 0; i < 100_000; i++) {
            int stratum = i < 5_000 ? 1 : 0;
            s.assign(i, stratum);
            if (stratum == 1) {
                rare++;
            } else {
                common++;
            }
            if (i == 777 || i == 4_999 || i == 99_999) {
                for (int c = 0; c < 2; c++) {
                    long n = c == 1 ? rare : common;
                    assertThat(s.count(c, StreamingSplit.TRAIN)).isCloseTo(Math.round(0.7 * n), within(3L));
                    assertThat(s.count(c, StreamingSplit.VALIDATION)).isCloseTo(Math.round(0.1 * n), within(3L));
                    assertThat(s.count(c, StreamingSplit.TEST)).isCloseTo(Math.round(0.2 * n), within(3L));
                }
            }
        }
    }

    @Test
    void splitIsRandomYetReproducible() {
        Split split = new Split(0.5, 0, 0.5, 11);
        StreamingSplit a = new StreamingSplit(split);
        StreamingSplit b = new StreamingSplit(split);
        StreamingSplit other = new StreamingSplit(new Split(0.5, 0, 0.5, 12));
        int[] runs = new int[2];
        int differ = 0;
        int previous = -1;
        for (long i = 0; i < 10_000; i++) {
            int x = a.assign(i, 0);
            assertThat(b.assign(i, 0)).isEqualTo(x);
            differ += other.assign(i, 0) != x ? 1 : 0;
            runs[x == previous ? 1 : 0]++;
            previous = x;
        }
        // not an alternating pattern: a fair draw repeats about half the time
        assertThat(runs[1]).isBetween(4_000, 6_000);
        assertThat(differ).isBetween(4_000, 6_000);
        assertThat(a.count(0, StreamingSplit.VALIDATION)).isZero();
    }

    @Test
    void stratifiedJobTestsEveryClassInProportion() throws Exception {
        List<ColumnSchema> cols = List.of(new ColumnSchema("x", ColumnType.DECIMAL, List.of()),
                new ColumnSchema("label", ColumnType.CATEGORICAL, List.of()));
        // 4,000 "a" rows then 1,000 "b" rows
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LINEAR_SGD, cols, "label", Map.of("epochs", 2),
                new Split(0.6, 0.2, 0.2, 5), stream(cols, 5000, i -> new Object[] {i < 4000 ? -1.0 - i % 7 : 1.0 + i % 7,
                        i < 4000 ? "a" : "b"}), 5000);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> perClass = (Map<String, Map<String, Object>>) r.metrics().get("perClass");
        assertThat((long) perClass.get("a").get("support")).isCloseTo(800L, within(3L));
        assertThat((long) perClass.get("b").get("support")).isCloseTo(200L, within(3L));
        assertThat((double) r.metrics().get("accuracy")).isEqualTo(1.0);
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndAnotherSeedDoesNot() throws Exception {
        double[][] w1 = weights(train(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, POINTS, "label",
                Map.of("epochs", 2), Split.defaults(), separable(3000, 5), 3000));
        double[][] w2 = weights(train(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, POINTS, "label",
                Map.of("epochs", 2), Split.defaults(), separable(3000, 5), 3000));
        double[][] w3 = weights(train(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, POINTS, "label",
                Map.of("epochs", 2), new Split(0.7, 0.1, 0.2, 43), separable(3000, 5), 3000));
        assertThat(w2).isDeepEqualTo(w1);
        assertThat(w3).isNotEqualTo(w1);
    }

    private static double[][] weights(TrainingRun.Result r) throws IOException {
        return weights((LinearSGDModel) Model.deserializeFromFile(r.artifact()));
    }

    private static double[][] weights(LinearSGDModel m) {
        var w = m.getWeightsCopy();
        double[][] out = new double[w.getDimension1Size()][w.getDimension2Size()];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = w.get(i, j);
            }
        }
        return out;
    }

    @Test
    void modelRoundTripsThroughTribuosProtobufFormat() throws Exception {
        TrainingRun.Result r = train(Task.CLASSIFICATION, Algorithm.LINEAR_SGD, POINTS, "label", Map.of("epochs", 3),
                Split.defaults(), separable(2000, 6), 2000);
        LinearSGDModel first = (LinearSGDModel) Model.deserializeFromFile(r.artifact());
        Path again = work.resolve("again.tribuo");
        first.serializeToFile(again);
        LinearSGDModel second = (LinearSGDModel) Model.deserializeFromFile(again);
        assertThat(weights(second)).isDeepEqualTo(weights(first));
        ArrayExample<Label> e = new ArrayExample<>(new Label("?"), new String[] {"x1", "x2", "colour=red"},
                new double[] {0.7, 0.2, 1});
        assertThat(second.predict(e).getOutputScores()).isEqualTo(first.predict(e).getOutputScores());
        assertThat(second.getProvenance()).isEqualTo(first.getProvenance());
    }

    @Test
    void cancellingStopsTrainingAndRemovesTheSpillFiles() throws Exception {
        double[] furthest = new double[1];
        boolean[] trainingStarted = new boolean[1];
        TrainingRun.Listener cancelDuringTraining = new TrainingRun.Listener() {
            @Override
            public void progress(double fraction, String stage) {
                furthest[0] = Math.max(furthest[0], fraction);
                trainingStarted[0] |= stage.startsWith("training");
            }

            @Override
            public boolean cancelled() {
                return trainingStarted[0];
            }
        };
        FeaturePlan plan = FeaturePlan.of(POINTS, Task.CLASSIFICATION, "label", null);
        TrainingRun run = new TrainingRun(Task.CLASSIFICATION, Algorithm.LINEAR_SGD, plan,
                HyperParameters.validate(Algorithm.LINEAR_SGD, Map.of("epochs", 1000)), Split.defaults(),
                cancelDuringTraining);
        assertThatThrownBy(() -> run.run(separable(50_000, 7), 50_000, "test", work))
                .isInstanceOf(TrainingRun.Cancelled.class);
        assertThat(trainingStarted[0]).isTrue();
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).isEmpty();
        }
        // training runs from 0.5 to 0.85 over 1,000 epochs: it stopped within the first of them
        assertThat(furthest[0]).isLessThan(0.5 + 0.35 / 1000);
    }

    @Test
    void cancellingWhileReadingStopsBeforeTraining() throws Exception {
        FeaturePlan plan = FeaturePlan.of(POINTS, Task.CLASSIFICATION, "label", null);
        List<String> stages = new ArrayList<>();
        TrainingRun run = new TrainingRun(Task.CLASSIFICATION, Algorithm.LOGISTIC_REGRESSION, plan,
                HyperParameters.validate(Algorithm.LOGISTIC_REGRESSION, Map.of()), Split.defaults(),
                new TrainingRun.Listener() {
                    @Override
                    public void progress(double fraction, String stage) {
                        stages.add(stage);
                    }

                    @Override
                    public boolean cancelled() {
                        return true;
                    }
                });
        assertThatThrownBy(() -> run.run(separable(100_000, 8), 100_000, "test", work))
                .isInstanceOf(TrainingRun.Cancelled.class);
        assertThat(stages).noneMatch(s -> s.startsWith("training"));
        try (Stream<Path> left = Files.list(work)) {
            assertThat(left.toList()).isEmpty();
        }
    }
}
