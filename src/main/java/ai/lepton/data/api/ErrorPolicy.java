package ai.lepton.data.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What ingest does with a cell that does not fit its column's type, or a row with missing fields. */
public enum ErrorPolicy {
    /** Replace the bad cell by null and record it as rejected (the default). */
    NULL_CELL("null-cell"),
    /** Drop the whole row and record it as rejected. */
    DROP_ROW("drop-row"),
    /** Refuse the upload at the first bad cell; nothing is stored. */
    FAIL("fail");

    private final String wire;

    ErrorPolicy(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Parses the query-parameter spelling; {@code null} gives the default. */
    public static ErrorPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return NULL_CELL;
        }
        for (ErrorPolicy p : values()) {
            if (p.wire.equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("onError must be one of " + allowed() + ", not '" + value + "'");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(ErrorPolicy::wire).collect(Collectors.joining(", "));
    }
}
