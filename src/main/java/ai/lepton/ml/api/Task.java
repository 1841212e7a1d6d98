package ai.lepton.ml.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a model learns. Serialised in lower case. */
public enum Task {
    /** Predict a label (categorical, boolean or integer target). */
    CLASSIFICATION,
    /** Predict a number. */
    REGRESSION,
    /** Group rows without a target. */
    CLUSTERING,
    /** Score how unusual a row is; a label column is only used to measure. */
    ANOMALY;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Task parse(String value) {
        for (Task t : values()) {
            if (t.wire().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("task must be one of classification, regression, clustering, anomaly, not '"
                + value + "'");
    }
}
