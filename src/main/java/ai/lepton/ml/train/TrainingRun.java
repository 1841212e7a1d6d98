package ai.lepton.ml.train;

import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.RowStream;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.FeatureSchema;
import ai.lepton.ml.api.Split;
import ai.lepton.ml.api.Task;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.MutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.objectives.Hinge;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * One training run with Tribuo: reads a dataset version row by row into examples (numeric columns as values,
 * categorical columns one-hot), splits them (stratified by label for classification, seeded), trains, evaluates on
 * the held-out test split and writes the model in Tribuo's protobuf format.
 *
 * <p>{@code linear-sgd} and {@code logistic-regression} do not hold the examples: the rows are split as they stream
 * past ({@link StreamingSplit}) and spilled to files in the work directory ({@link RowSpill}), Tribuo's SGD loop passes
 * over the training file ({@link StreamedLinearSGD}) and the metrics over the test file ({@link StreamedMetrics}), so
 * their memory does not grow with the dataset. The other algorithms' Tribuo trainers take an in-memory dataset.
 */
public final class TrainingRun {

    /** Receives progress and is asked whether to stop. */
    public interface Listener {
        void progress(double fraction, String stage);

        boolean cancelled();
    }

    /** Thrown when the listener asked to stop. */
    public static final class Cancelled extends Exception {
        public Cancelled() {
            super("cancelled");
        }
    }

    /**
     * A trained model.
     *
     * @param artifact the Tribuo protobuf model file (in the work directory; the caller stores and deletes it)
     * @param metrics test-split metrics, and {@code validation} metrics when that split is not empty
     * @param features the feature schema
     * @param provenanceJson Tribuo's provenance as JSON
     * @param trainRows rows trained on
     * @param testRows rows evaluated on
     * @param skippedRows rows without a target value (and, for the streamed linear models, rows without any feature
     *     value, which Tribuo could not take as examples)
     */
    public record Result(Path artifact, Map<String, Object> metrics, List<FeatureSchema> features,
            String provenanceJson, long trainRows, long testRows, long skippedRows) {
    }

    private final Task task;
    private final Algorithm algorithm;
    private final FeaturePlan plan;
    private final Map<String, Object> hyper;
    private final Split split;
    private final Listener listener;
    private final List<Set<String>> categories = new ArrayList<>();
    private long skipped;

    public TrainingRun(Task task, Algorithm algorithm, FeaturePlan plan, Map<String, Object> hyper, Split split,
            Listener listener) {
        this.task = task;
        this.algorithm = algorithm;
        this.plan = plan;
        this.hyper = hyper;
        this.split = split;
        this.listener = listener;
        for (int ignored : plan.features()) {
            categories.add(new LinkedHashSet<>());
        }
    }

    public Result run(RowStream rows, long totalRows, String dataDescription, Path workDir)
            throws TrainingException, IOException, Cancelled {
        if (task == Task.CLASSIFICATION
                && (algorithm == Algorithm.LINEAR_SGD || algorithm == Algorithm.LOGISTIC_REGRESSION)) {
            return streamedClassification(rows, totalRows, dataDescription, workDir);
        }
        if (task == Task.REGRESSION && algorithm == Algorithm.LINEAR_SGD) {
            return streamedRegression(rows, totalRows, dataDescription, workDir);
        }
        return switch (task) {
            case CLASSIFICATION -> classification(rows, totalRows, dataDescription, workDir);
            case REGRESSION -> regression(rows, totalRows, dataDescription, workDir);
            case CLUSTERING -> clustering(rows, totalRows, dataDescription, workDir);
            case ANOMALY -> anomaly(rows, totalRows, dataDescription, workDir);
        };
    }

    private Result classification(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        LabelFactory factory = new LabelFactory();
        // one Label instance per class: a million rows share a handful of outputs instead of holding a million
        Map<String, Label> labels = new HashMap<>();
        List<Example<Label>> all = read(rows, total, v -> labels.computeIfAbsent(String.valueOf(v), Label::new));
        List<List<Example<Label>>> parts = stratified(all, e -> e.getOutput().getLabel());
        Trainer<Label> trainer = switch (algorithm) {
            case LOGISTIC_REGRESSION -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new LogMulticlass(),
                    optimiser(), HyperParameters.intValue(hyper, "epochs"), 1_000_000,
                    HyperParameters.intValue(hyper, "minibatchSize"), split.seed());
            case LINEAR_SGD -> new org.tribuo.classification.sgd.linear.LinearSGDTrainer(new Hinge(), optimiser(),
                    HyperParameters.intValue(hyper, "epochs"), 1_000_000, HyperParameters.intValue(hyper, "minibatchSize"),
                    split.seed());
            case CART -> new CARTClassificationTrainer(HyperParameters.intValue(hyper, "maxDepth"),
                    (float) HyperParameters.doubleValue(hyper, "minChildWeight"), 0f, 1f, false, new GiniIndex(),
                    split.seed());
            case XGBOOST -> new XGBoostClassificationTrainer(HyperParameters.intValue(hyper, "trees"),
                    HyperParameters.doubleValue(hyper, "eta"), 0, HyperParameters.intValue(hyper, "maxDepth"),
                    HyperParameters.doubleValue(hyper, "minChildWeight"), HyperParameters.doubleValue(hyper, "subsample"),
                    1.0, HyperParameters.doubleValue(hyper, "lambda"), HyperParameters.doubleValue(hyper, "alpha"), 2,
                    true, split.seed());
            default -> throw unsupported();
        };
        Model<Label> model = train(trainer, dataset(parts.get(0), factory, description + " (train)"));
        listener.progress(0.85, "evaluating on the test split");
        Map<String, Object> metrics = labelMetrics(model, parts.get(2), factory, description);
        if (!parts.get(1).isEmpty()) {
            metrics.put("validation", labelMetrics(model, parts.get(1), factory, description));
        }
        return finish(model, metrics, parts, work);
    }

    private Result regression(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        RegressionFactory factory = new RegressionFactory();
        String target = plan.targetName();
        List<Example<Regressor>> all = read(rows, total, v -> new Regressor(target, ((Number) v).doubleValue()));
        List<List<Example<Regressor>>> parts = shuffled(all);
        Trainer<Regressor> trainer = switch (algorithm) {
            case LINEAR_SGD -> new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), optimiser(),
                    HyperParameters.intValue(hyper, "epochs"), 1_000_000, HyperParameters.intValue(hyper, "minibatchSize"),
                    split.seed());
            case CART -> new CARTRegressionTrainer(HyperParameters.intValue(hyper, "maxDepth"),
                    (float) HyperParameters.doubleValue(hyper, "minChildWeight"), 0f, 1f, false, new MeanSquaredError(),
                    split.seed());
            case XGBOOST -> new XGBoostRegressionTrainer(XGBoostRegressionTrainer.RegressionType.LINEAR,
                    HyperParameters.intValue(hyper, "trees"), HyperParameters.doubleValue(hyper, "eta"), 0,
                    HyperParameters.intValue(hyper, "maxDepth"), HyperParameters.doubleValue(hyper, "minChildWeight"),
                    HyperParameters.doubleValue(hyper, "subsample"), 1.0, HyperParameters.doubleValue(hyper, "lambda"),
                    HyperParameters.doubleValue(hyper, "alpha"), 2, true, split.seed());
            default -> throw unsupported();
        };
        Model<Regressor> model = train(trainer, dataset(parts.get(0), factory, description + " (train)"));
        listener.progress(0.85, "evaluating on the test split");
        Map<String, Object> metrics = regressionMetrics(model, parts.get(2), factory, description);
        if (!parts.get(1).isEmpty()) {
            metrics.put("validation", regressionMetrics(model, parts.get(1), factory, description));
        }
        return finish(model, metrics, parts, work);
    }

    /**
     * Linear SGD classification in bounded memory: one pass spills the rows (split as they come) to files in the
     * work directory, training and evaluation then pass over the files; see {@link StreamedLinearSGD}.
     */
    private Result streamedClassification(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        LabelFactory factory = new LabelFactory();
        try (Spill s = spill(rows, total, work, true)) {
            List<Label> labels = s.labelNames.stream().map(Label::new).toList();
            ImmutableFeatureMap features = new ImmutableFeatureMap(s.features);
            ImmutableOutputInfo<Label> outputs = s.labelInfo.generateImmutableOutputInfo();
            StreamedLinearSGD.Encoder encoder = s.encoder(features);
            StreamedLinearSGD.Data<Label> data = new StreamedLinearSGD.Data<>(s.parts[StreamingSplit.TRAIN], encoder,
                    features, outputs, v -> labels.get((int) v), s.provenance(
                            new SimpleDataSourceProvenance(description + " (train)", factory), features, outputs));
            var trainer = new StreamedLinearSGD.LabelLinearSGDTrainer(
                    algorithm == Algorithm.LOGISTIC_REGRESSION ? new LogMulticlass() : new Hinge(), optimiser(),
                    HyperParameters.intValue(hyper, "epochs"), 1_000_000,
                    HyperParameters.intValue(hyper, "minibatchSize"), split.seed());
            Model<Label> model = trainer.train(data, trainingProgress(s));
            listener.progress(0.85, "evaluating on the test split");
            Map<String, Object> metrics = StreamedMetrics.labels(model, s.parts[StreamingSplit.TEST], encoder, labels,
                    evaluationCheckpoint());
            if (s.parts[StreamingSplit.VALIDATION].rows() > 0) {
                metrics.put("validation", StreamedMetrics.labels(model, s.parts[StreamingSplit.VALIDATION], encoder,
                        labels, evaluationCheckpoint()));
            }
            return finish(model, metrics, s.parts[StreamingSplit.TRAIN].rows(), s.parts[StreamingSplit.TEST].rows(),
                    work);
        }
    }

    /** Linear SGD regression in bounded memory; see {@link #streamedClassification}. */
    private Result streamedRegression(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        RegressionFactory factory = new RegressionFactory();
        String target = plan.targetName();
        try (Spill s = spill(rows, total, work, false)) {
            ImmutableFeatureMap features = new ImmutableFeatureMap(s.features);
            ImmutableOutputInfo<Regressor> outputs = s.regressorInfo.generateImmutableOutputInfo();
            StreamedLinearSGD.Encoder encoder = s.encoder(features);
            StreamedLinearSGD.Data<Regressor> data = new StreamedLinearSGD.Data<>(s.parts[StreamingSplit.TRAIN],
                    encoder, features, outputs, v -> new Regressor(target, v), s.provenance(
                            new SimpleDataSourceProvenance(description + " (train)", factory), features, outputs));
            var trainer = new StreamedLinearSGD.RegressionLinearSGDTrainer(new SquaredLoss(), optimiser(),
                    HyperParameters.intValue(hyper, "epochs"), 1_000_000,
                    HyperParameters.intValue(hyper, "minibatchSize"), split.seed());
            Model<Regressor> model = trainer.train(data, trainingProgress(s));
            listener.progress(0.85, "evaluating on the test split");
            Map<String, Object> metrics = StreamedMetrics.regression(model, s.parts[StreamingSplit.TEST], encoder,
                    target, evaluationCheckpoint());
            if (s.parts[StreamingSplit.VALIDATION].rows() > 0) {
                metrics.put("validation", StreamedMetrics.regression(model, s.parts[StreamingSplit.VALIDATION],
                        encoder, target, evaluationCheckpoint()));
            }
            return finish(model, metrics, s.parts[StreamingSplit.TRAIN].rows(), s.parts[StreamingSplit.TEST].rows(),
                    work);
        }
    }

    private StreamedLinearSGD.Progress trainingProgress(Spill s) throws Cancelled {
        long n = s.parts[StreamingSplit.TRAIN].rows();
        listener.progress(0.5, "training " + algorithm.wire() + " on " + n + " rows");
        int epochs = HyperParameters.intValue(hyper, "epochs");
        return fraction -> {
            if (listener.cancelled()) {
                throw new Cancelled();
            }
            listener.progress(0.5 + 0.35 * fraction, "training " + algorithm.wire() + " on " + n + " rows (epoch "
                    + Math.min(epochs, 1 + (int) (fraction * epochs)) + " of " + epochs + ")");
        };
    }

    private RowSpill.Checkpoint evaluationCheckpoint() {
        return visited -> {
            if (listener.cancelled()) {
                throw new Cancelled();
            }
        };
    }

    /** The rows of one pass, spilled by split, and what was learnt about them on the way. */
    private final class Spill implements AutoCloseable {
        final RowSpill[] parts = new RowSpill[3];
        final boolean[] categorical;
        final String[] numericName;
        final List<Map<String, Integer>> categoryIndex = new ArrayList<>();
        final List<List<String>> categoryNames = new ArrayList<>();
        final List<String> labelNames = new ArrayList<>();
        final Map<String, Integer> labelIndex = new HashMap<>();
        /** The training rows' features, as a MutableDataset of them would count them. */
        final MutableFeatureMap features = new MutableFeatureMap();
        MutableOutputInfo<Label> labelInfo;
        MutableOutputInfo<Regressor> regressorInfo;
        /** Whether every training row had a value in every feature column. */
        boolean complete = true;

        Spill(Path work) throws IOException {
            int[] f = plan.features();
            categorical = new boolean[f.length];
            numericName = new String[f.length];
            for (int j = 0; j < f.length; j++) {
                ColumnSchema c = plan.columns().get(f[j]);
                categorical[j] = c.type() == ColumnType.CATEGORICAL;
                numericName[j] = categorical[j] ? null : c.name();
                categoryIndex.add(new HashMap<>());
                categoryNames.add(new ArrayList<>());
            }
            try {
                for (int p = 0; p < 3; p++) {
                    parts[p] = new RowSpill(work, new String[] {"train", "validation", "test"}[p], categorical);
                }
            } catch (IOException e) {
                close();
                throw e;
            }
        }

        StreamedLinearSGD.Encoder encoder(ImmutableFeatureMap map) {
            return new StreamedLinearSGD.Encoder(categorical, numericName, categoryNames, map);
        }

        <T extends Output<T>> org.tribuo.provenance.DatasetProvenance provenance(
                org.tribuo.provenance.DataProvenance source, ImmutableFeatureMap map, ImmutableOutputInfo<T> outputs) {
            return StreamedLinearSGD.datasetProvenance(source, parts[StreamingSplit.TRAIN].rows(), map.size(),
                    outputs.size(), complete && map.size() == categorical.length);
        }

        @Override
        public void close() throws IOException {
            IOException failed = null;
            for (RowSpill p : parts) {
                try {
                    if (p != null) {
                        p.close();
                    }
                } catch (IOException e) {
                    failed = e;
                }
            }
            if (failed != null) {
                throw failed;
            }
        }
    }

    /**
     * One pass over the rows: each row with a target and at least one feature value is assigned a split (stratified
     * by label when {@code classification}) and written to that split's spill; training rows also feed the feature
     * map and the output info. Rows without a target, or without any feature value, are skipped and counted.
     */
    private Spill spill(RowStream rows, long total, Path work, boolean classification)
            throws IOException, Cancelled, TrainingException {
        Spill s = new Spill(work);
        try {
            if (classification) {
                s.labelInfo = new LabelFactory().generateInfo();
            } else {
                s.regressorInfo = new RegressionFactory().generateInfo();
            }
            StreamingSplit splitter = new StreamingSplit(split);
            int[] f = plan.features();
            double[] numeric = new double[f.length];
            int[] category = new int[f.length];
            String target = plan.targetName();
            List<Label> labelObjects = new ArrayList<>();
            long n = 0;
            long kept = 0;
            while (rows.next()) {
                n++;
                if ((n & 0x3FFF) == 0) {
                    if (listener.cancelled()) {
                        throw new Cancelled();
                    }
                    listener.progress(0.45 * n / Math.max(1, total), "reading and spilling rows (" + n + " of "
                            + total + ")");
                }
                Object t = rows.value(plan.target());
                if (t == null) {
                    skipped++;
                    continue;
                }
                int present = 0;
                for (int j = 0; j < f.length; j++) {
                    Object v = rows.value(f[j]);
                    numeric[j] = Double.NaN;
                    category[j] = -1;
                    if (v == null) {
                        continue;
                    }
                    if (s.categorical[j]) {
                        String value = v.toString();
                        categories.get(j).add(value);
                        int j0 = j;
                        category[j] = s.categoryIndex.get(j).computeIfAbsent(value, k -> {
                            s.categoryNames.get(j0).add(plan.columns().get(f[j0]).name() + "=" + k);
                            return s.categoryNames.get(j0).size() - 1;
                        });
                        present++;
                    } else {
                        numeric[j] = numeric(v);
                        // NaN is how the spill marks a missing value
                        if (!Double.isNaN(numeric[j])) {
                            present++;
                        }
                    }
                }
                if (present == 0) {
                    skipped++;
                    continue;
                }
                double output;
                int stratum = 0;
                if (classification) {
                    String label = String.valueOf(t);
                    stratum = s.labelIndex.computeIfAbsent(label, k -> {
                        s.labelNames.add(k);
                        labelObjects.add(new Label(k));
                        return s.labelNames.size() - 1;
                    });
                    output = stratum;
                } else {
                    output = ((Number) t).doubleValue();
                }
                int part = splitter.assign(n - 1, stratum);
                if (part == StreamingSplit.TRAIN) {
                    for (int j = 0; j < f.length; j++) {
                        if (category[j] >= 0) {
                            s.features.add(s.categoryNames.get(j).get(category[j]), 1.0);
                        } else if (!Double.isNaN(numeric[j])) {
                            s.features.add(s.numericName[j], numeric[j]);
                        }
                    }
                    s.complete &= present == f.length;
                    if (classification) {
                        s.labelInfo.observe(labelObjects.get(stratum));
                    } else {
                        s.regressorInfo.observe(new Regressor(target, output));
                    }
                }
                s.parts[part].write(output, numeric, category);
                kept++;
            }
            for (RowSpill p : s.parts) {
                p.flush();
            }
            if (kept == 0) {
                throw new TrainingException("dataset", "the dataset version has no rows with a value in the target "
                        + "column and in at least one feature column");
            }
            if (s.parts[StreamingSplit.TRAIN].rows() == 0) {
                throw new TrainingException("split.train", "the training split is empty");
            }
            Log.infof("spilled %d rows (train %d, validation %d, test %d, skipped %d) to %s", kept,
                    s.parts[0].rows(), s.parts[1].rows(), s.parts[2].rows(), skipped, work);
            listener.progress(0.45, "spilled " + kept + " rows");
            return s;
        } catch (IOException | Cancelled | TrainingException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private Result clustering(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        ClusteringFactory factory = new ClusteringFactory();
        List<Example<ClusterID>> all = read(rows, total, v -> ClusteringFactory.UNASSIGNED_CLUSTER_ID);
        List<List<Example<ClusterID>>> parts = shuffled(all);
        KMeansTrainer trainer = new KMeansTrainer(HyperParameters.intValue(hyper, "k"),
                HyperParameters.intValue(hyper, "iterations"), new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1,
                split.seed());
        MutableDataset<ClusterID> train = dataset(parts.get(0), factory, description + " (train)");
        if (train.size() < HyperParameters.intValue(hyper, "k")) {
            throw new TrainingException("hyperparameters.k", "k is larger than the " + train.size() + " training rows");
        }
        KMeansModel model = (KMeansModel) train(trainer, train);
        listener.progress(0.85, "evaluating on the test split");
        Map<String, Object> metrics = clusterMetrics(model, parts.get(2));
        return finish(model, metrics, parts, work);
    }

    private Result anomaly(RowStream rows, long total, String description, Path work)
            throws TrainingException, IOException, Cancelled {
        AnomalyFactory factory = new AnomalyFactory();
        boolean labelled = plan.target() >= 0;
        List<Example<Event>> all = read(rows, total, v -> labelled && isAnomalous(v) ? AnomalyFactory.ANOMALOUS_EVENT
                : AnomalyFactory.EXPECTED_EVENT);
        List<List<Example<Event>>> parts = shuffled(all);
        // one-class models learn what is normal: train on expected rows only, evaluate on everything held out
        List<Example<Event>> normal = parts.get(0).stream()
                .filter(e -> e.getOutput().getType() == Event.EventType.EXPECTED).toList();
        SVMParameters<Event> params = new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS),
                KernelType.RBF);
        params.setNu(HyperParameters.doubleValue(hyper, "nu"));
        MutableDataset<Event> train = dataset(normal, factory, description + " (train, expected rows)");
        double gamma = HyperParameters.doubleValue(hyper, "gamma");
        params.setGamma(gamma > 0 ? gamma : 1.0 / Math.max(1, train.getFeatureMap().size()));
        Model<Event> model = train(new LibSVMAnomalyTrainer(params, split.seed()), train);
        listener.progress(0.85, "evaluating on the test split");
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<Example<Event>> test = parts.get(2);
        if (labelled && !test.isEmpty()) {
            AnomalyEvaluation ev = new AnomalyEvaluator().evaluate(model, dataset(test, factory, description + " (test)"));
            metrics.put("precision", ev.getPrecision());
            metrics.put("recall", ev.getRecall());
            metrics.put("f1", ev.getF1());
            metrics.put("truePositives", ev.getTruePositives());
            metrics.put("falsePositives", ev.getFalsePositives());
            metrics.put("falseNegatives", ev.getFalseNegatives());
            metrics.put("trueNegatives", ev.getTrueNegatives());
        }
        long flagged = test.isEmpty() ? 0 : model.predict(test).stream()
                .filter(p -> p.getOutput().getType() == Event.EventType.ANOMALOUS).count();
        metrics.put("testRows", test.size());
        metrics.put("flaggedAnomalous", flagged);
        return finish(model, metrics, parts, work);
    }

    private static boolean isAnomalous(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        return v instanceof Number n && n.doubleValue() != 0;
    }

    private AdaGrad optimiser() {
        return new AdaGrad(HyperParameters.doubleValue(hyper, "learningRate"), 1e-6);
    }

    private TrainingException unsupported() {
        return new TrainingException("algorithm", algorithm.wire() + " does not support " + task.wire()
                + "; use one of " + Algorithm.forTask(task));
    }

    /** Reads every row into an example; rows without a target value are skipped and counted. */
    private <T extends Output<T>> List<Example<T>> read(RowStream rows, long total, Function<Object, T> output)
            throws IOException, Cancelled, TrainingException {
        List<Example<T>> out = new ArrayList<>();
        int[] f = plan.features();
        List<ColumnSchema> columns = plan.columns();
        String[] names = new String[f.length];
        double[] values = new double[f.length];
        long n = 0;
        while (rows.next()) {
            n++;
            if ((n & 0x3FFF) == 0) {
                if (listener.cancelled()) {
                    throw new Cancelled();
                }
                listener.progress(0.4 * n / Math.max(1, total), "reading rows (" + n + " of " + total + ")");
            }
            Object target = plan.target() >= 0 ? rows.value(plan.target()) : null;
            if (plan.target() >= 0 && target == null && task != ai.lepton.ml.api.Task.ANOMALY) {
                skipped++;
                continue;
            }
            int k = 0;
            for (int j = 0; j < f.length; j++) {
                Object v = rows.value(f[j]);
                if (v == null) {
                    continue;
                }
                ColumnSchema c = columns.get(f[j]);
                if (c.type() == ColumnType.CATEGORICAL) {
                    String s = v.toString();
                    categories.get(j).add(s);
                    names[k] = c.name() + "=" + s;
                    values[k++] = 1.0;
                } else {
                    names[k] = c.name();
                    values[k++] = numeric(v);
                }
            }
            // ArrayExample copies the arrays itself (and only the first k entries are valid)
            out.add(k == names.length ? new ArrayExample<>(output.apply(target), names, values)
                    : new ArrayExample<>(output.apply(target), java.util.Arrays.copyOf(names, k),
                            java.util.Arrays.copyOf(values, k)));
        }
        if (out.isEmpty()) {
            throw new TrainingException("dataset", "the dataset version has no rows with a value in the target column");
        }
        listener.progress(0.45, "splitting " + out.size() + " rows");
        return out;
    }

    static double numeric(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return ((Number) v).doubleValue();
    }

    /** Train / validation / test, shuffled with the seed. */
    private <T extends Output<T>> List<List<Example<T>>> shuffled(List<Example<T>> all) {
        List<Example<T>> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(split.seed()));
        List<List<Example<T>>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        cut(copy, parts);
        return parts;
    }

    /** Like {@link #shuffled} but per label, so every split keeps the label proportions. */
    private <T extends Output<T>> List<List<Example<T>>> stratified(List<Example<T>> all,
            Function<Example<T>, String> key) {
        Map<String, List<Example<T>>> groups = new TreeMap<>();
        for (Example<T> e : all) {
            groups.computeIfAbsent(key.apply(e), k -> new ArrayList<>()).add(e);
        }
        List<List<Example<T>>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Random rnd = new Random(split.seed());
        for (List<Example<T>> g : groups.values()) {
            Collections.shuffle(g, rnd);
            cut(g, parts);
        }
        for (List<Example<T>> p : parts) {
            Collections.shuffle(p, rnd);
        }
        return parts;
    }

    private <T extends Output<T>> void cut(List<Example<T>> rows, List<List<Example<T>>> parts) {
        int n = rows.size();
        int train = (int) Math.round(n * split.train());
        int validation = (int) Math.round(n * split.validation());
        if (train + validation > n) {
            validation = n - train;
        }
        parts.get(0).addAll(rows.subList(0, train));
        parts.get(1).addAll(rows.subList(train, train + validation));
        parts.get(2).addAll(rows.subList(train + validation, n));
    }

    private <T extends Output<T>> MutableDataset<T> dataset(List<Example<T>> rows, OutputFactory<T> factory,
            String description) {
        MutableDataset<T> d = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory), factory);
        d.addAll(rows);
        return d;
    }

    private <T extends Output<T>> Model<T> train(Trainer<T> trainer, MutableDataset<T> train)
            throws TrainingException, Cancelled {
        if (train.size() == 0) {
            throw new TrainingException("split.train", "the training split is empty");
        }
        if (listener.cancelled()) {
            throw new Cancelled();
        }
        listener.progress(0.5, "training " + algorithm.wire() + " on " + train.size() + " rows");
        Model<T> model = trainer.train(train);
        if (listener.cancelled()) {
            throw new Cancelled();
        }
        return model;
    }

    private Map<String, Object> labelMetrics(Model<Label> model, List<Example<Label>> rows, LabelFactory factory,
            String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.size());
        if (rows.isEmpty()) {
            return m;
        }
        LabelEvaluation ev = new LabelEvaluator().evaluate(model, dataset(rows, factory, description + " (test)"));
        m.put("accuracy", ev.accuracy());
        m.put("macroF1", ev.macroAveragedF1());
        List<Label> labels = new ArrayList<>(model.getOutputIDInfo().getDomain());
        labels.sort(java.util.Comparator.comparing(Label::getLabel));
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (Label l : labels) {
            perClass.put(l.getLabel(), Map.of("precision", ev.precision(l), "recall", ev.recall(l), "f1", ev.f1(l),
                    "support", (long) ev.getConfusionMatrix().support(l)));
        }
        m.put("perClass", perClass);
        List<List<Long>> matrix = new ArrayList<>();
        for (Label truth : labels) {
            List<Long> row = new ArrayList<>();
            for (Label predicted : labels) {
                row.add((long) ev.getConfusionMatrix().confusion(predicted, truth));
            }
            matrix.add(row);
        }
        m.put("confusionMatrix", Map.of("labels", labels.stream().map(Label::getLabel).toList(),
                "rowsAreTruth", matrix));
        return m;
    }

    private Map<String, Object> regressionMetrics(Model<Regressor> model, List<Example<Regressor>> rows,
            RegressionFactory factory, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.size());
        if (rows.isEmpty()) {
            return m;
        }
        RegressionEvaluation ev = new RegressionEvaluator().evaluate(model, dataset(rows, factory, description + " (test)"));
        m.put("rmse", ev.averageRMSE());
        m.put("mae", ev.averageMAE());
        m.put("r2", ev.averageR2());
        return m;
    }

    private Map<String, Object> clusterMetrics(KMeansModel model, List<Example<ClusterID>> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rows", rows.size());
        DenseVector[] centroids = model.getCentroidVectors();
        long[] sizes = new long[centroids.length];
        double wcss = 0;
        var featureMap = model.getFeatureIDMap();
        for (Example<ClusterID> e : rows) {
            Prediction<ClusterID> p = model.predict(e);
            int c = p.getOutput().getID();
            sizes[c]++;
            double[] x = new double[featureMap.size()];
            for (org.tribuo.Feature feature : e) {
                int id = featureMap.getID(feature.getName());
                if (id >= 0) {
                    x[id] = feature.getValue();
                }
            }
            for (int i = 0; i < x.length; i++) {
                double d = x[i] - centroids[c].get(i);
                wcss += d * d;
            }
        }
        List<Long> s = new ArrayList<>();
        for (long v : sizes) {
            s.add(v);
        }
        m.put("clusterSizes", s);
        m.put("withinClusterSumOfSquares", wcss);
        return m;
    }

    private <T extends Output<T>> Result finish(Model<T> model, Map<String, Object> metrics,
            List<List<Example<T>>> parts, Path work) throws IOException {
        return finish(model, metrics, parts.get(0).size(), parts.get(2).size(), work);
    }

    private <T extends Output<T>> Result finish(Model<T> model, Map<String, Object> metrics, long trainRows,
            long testRows, Path work) throws IOException {
        listener.progress(0.95, "saving the model");
        Files.createDirectories(work);
        Path file = Files.createTempFile(work, "model-", ".tribuo");
        model.serializeToFile(file);
        String provenance = new JsonProvenanceSerialization(false).marshalAndSerialize(model.getProvenance());
        List<FeatureSchema> schema = new ArrayList<>();
        for (int j = 0; j < plan.features().length; j++) {
            ColumnSchema c = plan.columns().get(plan.features()[j]);
            boolean categorical = c.type() == ColumnType.CATEGORICAL;
            schema.add(new FeatureSchema(c.name(), categorical ? "categorical" : "numeric", c.type().wire(),
                    categorical ? List.copyOf(categories.get(j)) : List.of()));
        }
        return new Result(file, metrics, schema, provenance, trainRows, testRows, skipped);
    }
}
