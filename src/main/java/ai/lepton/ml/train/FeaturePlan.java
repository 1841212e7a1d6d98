package ai.lepton.ml.train;

import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.ml.api.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dataset columns feed a model and how: checked against the dataset's schema when a job is submitted, so a
 * bad request fails at once (400) instead of in the worker.
 *
 * @param columns the dataset's columns
 * @param target index of the target column, or -1
 * @param features indexes of the feature columns
 */
public record FeaturePlan(List<ColumnSchema> columns, int target, int[] features) {

    /**
     * @param target the target column (required for classification and regression, forbidden for clustering,
     *     optional label column for anomaly)
     * @param features feature columns, or null/empty for every other non-text column
     */
    public static FeaturePlan of(List<ColumnSchema> columns, Task task, String target, List<String> features)
            throws TrainingException {
        int t = -1;
        if (target != null && !target.isBlank()) {
            if (task == Task.CLUSTERING) {
                throw new TrainingException("target", "clustering takes no target column");
            }
            t = index(columns, target, "target");
            ColumnType type = columns.get(t).type();
            switch (task) {
                case CLASSIFICATION -> {
                    if (type != ColumnType.CATEGORICAL && type != ColumnType.BOOLEAN && type != ColumnType.INTEGER) {
                        throw new TrainingException("target", "'" + target + "' is " + type.wire()
                                + "; classification needs a categorical, boolean or integer target");
                    }
                }
                case REGRESSION -> {
                    if (!type.numeric()) {
                        throw new TrainingException("target", "'" + target + "' is " + type.wire()
                                + "; regression needs an integer or decimal target");
                    }
                }
                case ANOMALY -> {
                    if (type != ColumnType.BOOLEAN && type != ColumnType.INTEGER) {
                        throw new TrainingException("target", "'" + target + "' is " + type.wire()
                                + "; an anomaly label column must be boolean or 0/1");
                    }
                }
                default -> {
                }
            }
        } else if (task == Task.CLASSIFICATION || task == Task.REGRESSION) {
            throw new TrainingException("target", task.wire() + " needs a target column");
        }
        List<Integer> chosen = new ArrayList<>();
        if (features == null || features.isEmpty()) {
            for (int i = 0; i < columns.size(); i++) {
                if (i != t && columns.get(i).type() != ColumnType.TEXT) {
                    chosen.add(i);
                }
            }
        } else {
            for (int k = 0; k < features.size(); k++) {
                String f = features.get(k);
                int i = index(columns, f, "features[" + k + "]");
                if (i == t) {
                    throw new TrainingException("features[" + k + "]", "'" + f + "' is the target column");
                }
                if (columns.get(i).type() == ColumnType.TEXT) {
                    throw new TrainingException("features[" + k + "]", "'" + f + "' is a text column; text features "
                            + "are not supported (categorical columns are one-hot encoded)");
                }
                if (chosen.contains(i)) {
                    throw new TrainingException("features[" + k + "]", "'" + f + "' is listed twice");
                }
                chosen.add(i);
            }
        }
        if (chosen.isEmpty()) {
            throw new TrainingException("features", "no usable feature column (text columns are not supported)");
        }
        return new FeaturePlan(columns, t, chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    public String targetName() {
        return target < 0 ? null : columns.get(target).name();
    }

    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (int i : features) {
            names.add(columns.get(i).name());
        }
        return names;
    }

    private static int index(List<ColumnSchema> columns, String name, String field) throws TrainingException {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new TrainingException(field, "the dataset has no column '" + name + "'");
    }
}
