package ai.lepton.data.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type inferred for a dataset column; serialised in lower case ({@code "integer"}). */
public enum ColumnType {
    /** Whole numbers that fit in a signed 64-bit integer. */
    INTEGER,
    /** Numbers with a fractional part or an exponent. */
    DECIMAL,
    /** {@code true}/{@code false} (also accepted on input: yes/no, y/n, t/f). */
    BOOLEAN,
    /** Instants, written as ISO-8601 UTC ({@code 2024-05-01T12:00:00Z}). */
    TIMESTAMP,
    /** Strings drawn from a small set of distinct values. */
    CATEGORICAL,
    /** Free text. */
    TEXT;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ColumnType fromWire(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether values of this type are numbers. */
    public boolean numeric() {
        return this == INTEGER || this == DECIMAL;
    }
}
