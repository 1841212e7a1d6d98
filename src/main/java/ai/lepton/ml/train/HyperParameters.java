package ai.lepton.ml.train;

import ai.lepton.ml.api.Algorithm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-algorithm hyperparameters: names, types, ranges and defaults. Unknown names are refused. */
public final class HyperParameters {

    /** One hyperparameter's definition. */
    record Spec(String name, boolean integer, double min, double max, Number defaultValue, String help) {
    }

    private static final List<Spec> SGD = List.of(
            new Spec("epochs", true, 1, 1000, 10, "passes over the training data"),
            new Spec("learningRate", false, 1e-6, 10, 1.0, "AdaGrad initial learning rate"),
            new Spec("minibatchSize", true, 1, 10_000, 1, "examples per gradient step"));
    private static final List<Spec> CART = List.of(
            new Spec("maxDepth", true, 1, 100, 10, "deepest level of the tree"),
            new Spec("minChildWeight", false, 0, 1e9, 5, "smallest total weight in a leaf"));
    private static final List<Spec> XGBOOST = List.of(
            new Spec("trees", true, 1, 5000, 50, "boosting rounds"),
            new Spec("maxDepth", true, 1, 30, 6, "deepest level of each tree"),
            new Spec("eta", false, 1e-6, 1, 0.3, "learning rate"),
            new Spec("subsample", false, 1e-6, 1, 1.0, "row sample per tree"),
            new Spec("minChildWeight", false, 0, 1e9, 1, "smallest total weight in a leaf"),
            new Spec("lambda", false, 0, 1e9, 1, "L2 regularisation"),
            new Spec("alpha", false, 0, 1e9, 0, "L1 regularisation"));
    private static final List<Spec> KMEANS = List.of(
            new Spec("k", true, 1, 1000, 3, "number of clusters"),
            new Spec("iterations", true, 1, 10_000, 100, "maximum iterations"));
    private static final List<Spec> SVM = List.of(
            new Spec("nu", false, 1e-6, 1, 0.1, "upper bound on the share of training rows treated as outliers"),
            new Spec("gamma", false, 0, 1e6, 0, "RBF kernel width; 0 means 1 / number of features"));

    private HyperParameters() {
    }

    static List<Spec> specs(Algorithm a) {
        return switch (a) {
            case LOGISTIC_REGRESSION, LINEAR_SGD -> SGD;
            case CART -> CART;
            case XGBOOST -> XGBOOST;
            case KMEANS -> KMEANS;
            case ONE_CLASS_SVM -> SVM;
        };
    }

    /**
     * Validates the given values and fills in defaults.
     *
     * @throws TrainingException naming {@code hyperparameters.<name>} for an unknown name, a wrong type or a value out
     *     of range
     */
    public static Map<String, Object> validate(Algorithm algorithm, Map<String, Object> given) throws TrainingException {
        Map<String, Object> in = given == null ? Map.of() : given;
        List<Spec> specs = specs(algorithm);
        for (String key : in.keySet()) {
            if (specs.stream().noneMatch(s -> s.name().equals(key))) {
                throw new TrainingException("hyperparameters." + key, "unknown for " + algorithm.wire() + "; known: "
                        + String.join(", ", specs.stream().map(Spec::name).toList()));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Spec s : specs) {
            Object v = in.get(s.name());
            if (v == null) {
                out.put(s.name(), s.defaultValue());
                continue;
            }
            if (!(v instanceof Number n)) {
                throw new TrainingException("hyperparameters." + s.name(), "must be a number (" + s.help() + ")");
            }
            double d = n.doubleValue();
            if (s.integer() && d != Math.rint(d)) {
                throw new TrainingException("hyperparameters." + s.name(), "must be a whole number, was " + n);
            }
            if (d < s.min() || d > s.max() || Double.isNaN(d)) {
                throw new TrainingException("hyperparameters." + s.name(), "must be between " + fmt(s.min()) + " and "
                        + fmt(s.max()) + ", was " + n);
            }
            out.put(s.name(), s.integer() ? (Number) (int) d : (Number) d);
        }
        return out;
    }

    static int intValue(Map<String, Object> h, String name) {
        return ((Number) h.get(name)).intValue();
    }

    static double doubleValue(Map<String, Object> h, String name) {
        return ((Number) h.get(name)).doubleValue();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
