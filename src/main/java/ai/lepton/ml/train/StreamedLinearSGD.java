package ai.lepton.ml.train;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.BooleanProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import io.quarkus.logging.Log;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.Tribuo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.LabelObjective;
import org.tribuo.common.sgd.SGDObjective;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.DatasetProvenance;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.sgd.RegressionObjective;

/**
 * Tribuo's linear SGD trainers, fed from a {@link RowSpill} instead of an in-memory dataset, so that memory does not
 * grow with the rows. The two trainers here subclass Tribuo's classification and regression {@code LinearSGDTrainer}:
 * the objective, the parameters, the optimiser, the provenance and the model all come from the Tribuo trainer, and the
 * result is the same {@code LinearSGDModel} class Tribuo's own {@code train(Dataset)} returns. Only the loop differs:
 * it is Tribuo 4.3's {@code AbstractSGDTrainer.train} loop (per example, or per minibatch with the gradients merged
 * and scaled the same way, every example weighted 1), passing over the spill file each epoch, shuffled by blocks
 * (see {@link RowSpill}) instead of fully.
 */
public final class StreamedLinearSGD {

    private StreamedLinearSGD() {
    }

    /** Receives the fraction of training done (0 to 1) between windows of rows; may stop training by throwing. */
    public interface Progress {
        void at(double fraction) throws TrainingRun.Cancelled;
    }

    /**
     * The training rows and what Tribuo needs to know about them, gathered while they were spilled.
     *
     * @param rows the training rows
     * @param encoder maps a spilled row to Tribuo's feature vector
     * @param features the feature map of the training rows (counts and values as a {@code MutableDataset} sees them)
     * @param outputs the outputs of the training rows
     * @param output maps a spilled output value to the output
     * @param provenance the provenance a {@code MutableDataset} of these rows would have
     */
    public record Data<T extends Output<T>>(RowSpill rows, Encoder encoder, ImmutableFeatureMap features,
            ImmutableOutputInfo<T> outputs, DoubleFunction<T> output, DatasetProvenance provenance) {
    }

    /**
     * The provenance Tribuo's {@code MutableDataset} gives itself, for a dataset that was never built.
     *
     * @param dense whether every training row had a value for every feature of the feature map
     */
    public static DatasetProvenance datasetProvenance(DataProvenance source, long rows, int features, int outputs,
            boolean dense) {
        Map<String, Provenance> m = new HashMap<>();
        m.put("class-name", new StringProvenance("class-name", MutableDataset.class.getName()));
        m.put("datasource", source);
        m.put("transformations", new ListProvenance<>());
        m.put("is-dense", new BooleanProvenance("is-dense", dense));
        m.put("is-sequence", new BooleanProvenance("is-sequence", false));
        m.put("num-examples", new IntProvenance("num-examples", (int) Math.min(Integer.MAX_VALUE, rows)));
        m.put("num-features", new IntProvenance("num-features", features));
        m.put("num-outputs", new IntProvenance("num-outputs", outputs));
        m.put("tribuo-version", new StringProvenance("tribuo-version", Tribuo.VERSION));
        return new DatasetProvenance(m);
    }

    /**
     * Turns spilled rows into Tribuo feature vectors in a model's feature ID space: numeric column {@code j} is the
     * feature named after the column, category {@code c} of categorical column {@code j} is the feature
     * {@code column=category} with value 1; missing values and features unknown to the map are left out, and the bias
     * is appended last, as Tribuo's {@code DenseVector/SparseVector.createXxx(example, map, true)} do.
     */
    public static final class Encoder {
        private final boolean[] categorical;
        private final String[] numericName;
        private final List<List<String>> categoryNames;
        private final int[] numericId;
        private final int[][] categoryId;
        private final int size;
        private final int[] ids;
        private final double[] values;

        /**
         * @param numericName per column, its feature name (numeric columns), else null
         * @param categoryNames per column, the feature names of its categories by index (categorical columns)
         */
        public Encoder(boolean[] categorical, String[] numericName, List<List<String>> categoryNames,
                ImmutableFeatureMap map) {
            this.categorical = categorical;
            this.numericName = numericName;
            this.categoryNames = categoryNames;
            this.size = map.size();
            this.numericId = new int[categorical.length];
            this.categoryId = new int[categorical.length][];
            for (int j = 0; j < categorical.length; j++) {
                if (categorical[j]) {
                    List<String> names = categoryNames.get(j);
                    categoryId[j] = new int[names.size()];
                    for (int c = 0; c < names.size(); c++) {
                        categoryId[j][c] = map.getID(names.get(c));
                    }
                } else {
                    numericId[j] = map.getID(numericName[j]);
                }
            }
            this.ids = new int[categorical.length + 1];
            this.values = new double[categorical.length + 1];
        }

        /** The row's features and the bias: dense when the row has every feature of the map, sparse otherwise. */
        SGDVector vector(RowSpill.Record r) {
            int k = 0;
            for (int j = 0; j < categorical.length; j++) {
                int id;
                double v;
                if (categorical[j]) {
                    int c = r.category(j);
                    if (c < 0 || c >= categoryId[j].length) {
                        continue;
                    }
                    id = categoryId[j][c];
                    v = 1.0;
                } else {
                    v = r.numeric(j);
                    if (Double.isNaN(v)) {
                        continue;
                    }
                    id = numericId[j];
                }
                if (id < 0) {
                    continue;
                }
                // insertion by ID: Tribuo's sparse vectors are sorted
                int at = k++;
                while (at > 0 && ids[at - 1] > id) {
                    ids[at] = ids[at - 1];
                    values[at] = values[at - 1];
                    at--;
                }
                ids[at] = id;
                values[at] = v;
            }
            if (k == size) {
                double[] dense = new double[size + 1];
                for (int i = 0; i < k; i++) {
                    dense[ids[i]] = values[i];
                }
                dense[size] = 1.0;
                return DenseVector.createDenseVector(dense);
            }
            int[] idx = Arrays.copyOf(ids, k + 1);
            double[] val = Arrays.copyOf(values, k + 1);
            idx[k] = size;
            val[k] = 1.0;
            return SparseVector.createSparseVector(size + 1, idx, val);
        }

        /**
         * The row's features as names and values for a Tribuo {@code Example}; returns how many were written to the
         * arrays (each at least as long as the number of columns).
         */
        int named(RowSpill.Record r, String[] names, double[] vals) {
            int k = 0;
            for (int j = 0; j < categorical.length; j++) {
                if (categorical[j]) {
                    int c = r.category(j);
                    if (c >= 0) {
                        names[k] = categoryNames.get(j).get(c);
                        vals[k++] = 1.0;
                    }
                } else {
                    double v = r.numeric(j);
                    if (!Double.isNaN(v)) {
                        names[k] = numericName[j];
                        vals[k++] = v;
                    }
                }
            }
            return k;
        }

        int columns() {
            return categorical.length;
        }
    }

    /** What the loop needs from a Tribuo trainer: its protected parts, behind one interface for both output types. */
    interface Hooks<T extends Output<T>, U, V extends Model<T>> {
        /** The per-run RNG, optimiser copy and provenance, as Tribuo's train takes them (bumping the count). */
        Start start();

        SGDObjective<U> objective();

        U target(ImmutableOutputInfo<T> info, T output);

        LinearParameters parameters(int features, int outputs, SplittableRandom rng);

        V model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
                LinearParameters parameters);

        String modelClassName();

        int epochs();

        int minibatchSize();

        boolean shuffled();
    }

    record Start(SplittableRandom rng, StochasticGradientOptimiser optimiser, TrainerProvenance provenance) {
    }

    /** Tribuo's classification {@code LinearSGDTrainer}, trained from a spill. */
    public static final class LabelLinearSGDTrainer extends org.tribuo.classification.sgd.linear.LinearSGDTrainer
            implements Hooks<Label, Integer, org.tribuo.classification.sgd.linear.LinearSGDModel> {

        public LabelLinearSGDTrainer(LabelObjective objective, StochasticGradientOptimiser optimiser, int epochs,
                int loggingInterval, int minibatchSize, long seed) {
            super(objective, optimiser, epochs, loggingInterval, minibatchSize, seed);
        }

        /** Trains on the spilled rows; the model is Tribuo's, with this trainer's provenance. */
        public org.tribuo.classification.sgd.linear.LinearSGDModel train(Data<Label> data, Progress progress)
                throws IOException, TrainingRun.Cancelled {
            return loop(this, data, progress);
        }

        @Override
        public synchronized Start start() {
            Start s = new Start(rng.split(), optimiser.copy(), getProvenance());
            setInvocationCount(getInvocationCount() + 1);
            return s;
        }

        @Override
        public SGDObjective<Integer> objective() {
            return getObjective();
        }

        @Override
        public Integer target(ImmutableOutputInfo<Label> info, Label output) {
            return getTarget(info, output);
        }

        @Override
        public LinearParameters parameters(int features, int outputs, SplittableRandom rng) {
            return createParameters(features, outputs, rng);
        }

        @Override
        public org.tribuo.classification.sgd.linear.LinearSGDModel model(ModelProvenance provenance,
                ImmutableFeatureMap features, ImmutableOutputInfo<Label> outputs, LinearParameters parameters) {
            return createModel(getName(), provenance, features, outputs, parameters);
        }

        @Override
        public String modelClassName() {
            return getModelClassName();
        }

        @Override
        public int epochs() {
            return epochs;
        }

        @Override
        public int minibatchSize() {
            return minibatchSize;
        }

        @Override
        public boolean shuffled() {
            return shuffle;
        }
    }

    /** Tribuo's regression {@code LinearSGDTrainer}, trained from a spill. */
    public static final class RegressionLinearSGDTrainer extends org.tribuo.regression.sgd.linear.LinearSGDTrainer
            implements Hooks<Regressor, DenseVector, org.tribuo.regression.sgd.linear.LinearSGDModel> {

        public RegressionLinearSGDTrainer(RegressionObjective objective, StochasticGradientOptimiser optimiser,
                int epochs, int loggingInterval, int minibatchSize, long seed) {
            super(objective, optimiser, epochs, loggingInterval, minibatchSize, seed);
        }

        /** Trains on the spilled rows; the model is Tribuo's, with this trainer's provenance. */
        public org.tribuo.regression.sgd.linear.LinearSGDModel train(Data<Regressor> data, Progress progress)
                throws IOException, TrainingRun.Cancelled {
            return loop(this, data, progress);
        }

        @Override
        public synchronized Start start() {
            Start s = new Start(rng.split(), optimiser.copy(), getProvenance());
            setInvocationCount(getInvocationCount() + 1);
            return s;
        }

        @Override
        public SGDObjective<DenseVector> objective() {
            return getObjective();
        }

        @Override
        public DenseVector target(ImmutableOutputInfo<Regressor> info, Regressor output) {
            return getTarget(info, output);
        }

        @Override
        public LinearParameters parameters(int features, int outputs, SplittableRandom rng) {
            return createParameters(features, outputs, rng);
        }

        @Override
        public org.tribuo.regression.sgd.linear.LinearSGDModel model(ModelProvenance provenance,
                ImmutableFeatureMap features, ImmutableOutputInfo<Regressor> outputs, LinearParameters parameters) {
            return createModel(getName(), provenance, features, outputs, parameters);
        }

        @Override
        public String modelClassName() {
            return getModelClassName();
        }

        @Override
        public int epochs() {
            return epochs;
        }

        @Override
        public int minibatchSize() {
            return minibatchSize;
        }

        @Override
        public boolean shuffled() {
            return shuffle;
        }
    }

    /** Tribuo 4.3's SGD loop over the spill; see the class comment. */
    private static <T extends Output<T>, U, V extends Model<T>> V loop(Hooks<T, U, V> h, Data<T> data,
            Progress progress) throws IOException, TrainingRun.Cancelled {
        Start start = h.start();
        SGDObjective<U> objective = h.objective();
        ImmutableOutputInfo<T> outputs = data.outputs();
        ImmutableFeatureMap features = data.features();
        long rows = data.rows().rows();
        LinearParameters parameters = h.parameters(features.size(), outputs.size(), start.rng());
        StochasticGradientOptimiser optimiser = start.optimiser();
        optimiser.initialise(parameters);
        int epochs = h.epochs();
        int batchSize = h.minibatchSize();
        Log.infof("training %s from a spill of %d rows: %d features, %d outputs, %d epochs, minibatch %d",
                h.modelClassName(), rows, features.size(), outputs.size(), epochs, batchSize);
        Encoder encoder = data.encoder();
        Tensor[][] batch = new Tensor[batchSize][];
        double[] loss = new double[1];
        int[] held = new int[1];
        for (int epoch = 0; epoch < epochs; epoch++) {
            loss[0] = 0;
            RowSpill.Visitor step = r -> {
                SGDVector x = encoder.vector(r);
                U y = h.target(outputs, data.output().apply(r.output()));
                Pair<Double, SGDVector> out = objective.lossAndGradient(y, parameters.predict(x));
                loss[0] += out.getA();
                if (batchSize == 1) {
                    parameters.update(optimiser.step(parameters.gradients(out, x), 1.0));
                } else {
                    batch[held[0]++] = parameters.gradients(out, x);
                    if (held[0] == batchSize) {
                        minibatch(parameters, optimiser, batch, held[0], batchSize);
                        held[0] = 0;
                    }
                }
            };
            int e = epoch;
            RowSpill.Checkpoint checkpoint = visited -> progress.at((e + (double) visited / rows) / epochs);
            if (h.shuffled()) {
                data.rows().shuffled(start.rng(), step, checkpoint);
            } else {
                data.rows().sequential(step, checkpoint);
            }
            if (held[0] > 0) {
                // Tribuo's last minibatch of an epoch is the short remainder
                minibatch(parameters, optimiser, batch, held[0], batchSize);
                held[0] = 0;
            }
            // Tribuo's objectives return the loss negated
            Log.infof("epoch %d of %d done: mean loss %.6f", (Object) (epoch + 1), (Object) epochs,
                    (Object) (-loss[0] / Math.max(1, rows)));
        }
        optimiser.finalise();
        ModelProvenance provenance = new ModelProvenance(h.modelClassName(), OffsetDateTime.now(), data.provenance(),
                start.provenance(), Map.of());
        V model = h.model(provenance, features, outputs, parameters);
        optimiser.reset();
        return model;
    }

    private static void minibatch(LinearParameters parameters, StochasticGradientOptimiser optimiser,
            Tensor[][] batch, int size, int batchSize) {
        Tensor[] updates = parameters.merge(batch, size);
        for (Tensor t : updates) {
            t.scaleInPlace(batchSize);
        }
        parameters.update(optimiser.step(updates, (double) size / batchSize));
        Arrays.fill(batch, 0, size, null);
    }
}
