package ai.lepton.ml.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a model version is in its life: serialised in lower case. */
public enum Stage {
    NONE, STAGING, PRODUCTION, ARCHIVED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Stage parse(String value) {
        for (Stage s : values()) {
            if (s.wire().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("stage must be one of none, staging, production, archived, not '" + value + "'");
    }
}
