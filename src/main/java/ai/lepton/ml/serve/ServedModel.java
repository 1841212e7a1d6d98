package ai.lepton.ml.serve;

import ai.lepton.ml.api.PredictionResult;
import ai.lepton.ml.api.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.classification.LabelFactory;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.RegressionFactory;

/** A loaded Tribuo model version that answers batches of encoded instances. Thread-safe (Tribuo models are). */
public final class ServedModel {

    private final Model<?> model;
    private final Task task;
    private final int version;

    public ServedModel(Model<?> model, Task task, int version) {
        this.model = model;
        this.task = task;
        this.version = version;
    }

    public int version() {
        return version;
    }

    public Task task() {
        return task;
    }

    /** Predicts a batch in one Tribuo call. */
    public List<PredictionResult> predict(List<InstanceEncoder.Encoded> batch) {
        return switch (task) {
            case CLASSIFICATION -> run(batch, new LabelFactory(), p -> {
                Map<String, Double> scores = new LinkedHashMap<>();
                p.getOutputScores().forEach((k, v) -> scores.put(k, v.getScore()));
                return new PredictionResult(version, p.getOutput().getLabel(), scores);
            });
            case REGRESSION -> run(batch, new RegressionFactory(), p ->
                    new PredictionResult(version, p.getOutput().getValues()[0], Map.of()));
            case CLUSTERING -> run(batch, new ClusteringFactory(), p ->
                    new PredictionResult(version, p.getOutput().getID(), Map.of()));
            case ANOMALY -> run(batch, new AnomalyFactory(), p ->
                    new PredictionResult(version, p.getOutput().getType().name(), Map.of("score", p.getOutput().getScore())));
        };
    }

    interface Mapper<T extends Output<T>> {
        PredictionResult map(Prediction<T> p);
    }

    @SuppressWarnings("unchecked")
    private <T extends Output<T>> List<PredictionResult> run(List<InstanceEncoder.Encoded> batch,
            OutputFactory<T> factory, Mapper<T> mapper) {
        Model<T> typed = (Model<T>) model;
        List<Example<T>> examples = new ArrayList<>(batch.size());
        for (InstanceEncoder.Encoded e : batch) {
            examples.add(new ArrayExample<>(factory.getUnknownOutput(), e.names(), e.values()));
        }
        List<Prediction<T>> predictions = typed.predict(examples);
        List<PredictionResult> out = new ArrayList<>(predictions.size());
        for (Prediction<T> p : predictions) {
            out.add(mapper.map(p));
        }
        return out;
    }
}
