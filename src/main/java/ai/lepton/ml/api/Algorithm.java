package ai.lepton.ml.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Training algorithms (all Tribuo trainers) and the tasks each supports. */
public enum Algorithm {
    /** Multinomial logistic regression trained by SGD (AdaGrad). */
    LOGISTIC_REGRESSION("logistic-regression", EnumSet.of(Task.CLASSIFICATION)),
    /** Linear model trained by SGD: hinge loss for classification, squared loss for regression. */
    LINEAR_SGD("linear-sgd", EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION)),
    /** A CART decision tree. */
    CART("cart", EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION)),
    /** Gradient-boosted trees (XGBoost). */
    XGBOOST("xgboost", EnumSet.of(Task.CLASSIFICATION, Task.REGRESSION)),
    /** K-means with k-means++ initialisation. */
    KMEANS("kmeans", EnumSet.of(Task.CLUSTERING)),
    /** One-class SVM with an RBF kernel (LibSVM). */
    ONE_CLASS_SVM("one-class-svm", EnumSet.of(Task.ANOMALY));

    private final String wire;
    private final Set<Task> tasks;

    Algorithm(String wire, Set<Task> tasks) {
        this.wire = wire;
        this.tasks = tasks;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean supports(Task task) {
        return tasks.contains(task);
    }

    /** The wire names of the algorithms that support a task. */
    public static String forTask(Task task) {
        return Arrays.stream(values()).filter(a -> a.supports(task)).map(Algorithm::wire)
                .collect(Collectors.joining(", "));
    }

    @JsonCreator
    public static Algorithm parse(String value) {
        for (Algorithm a : values()) {
            if (a.wire.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown algorithm '" + value + "'; known: "
                + Arrays.stream(values()).map(Algorithm::wire).collect(Collectors.joining(", ")));
    }
}
