package ai.lepton.data.api;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What ingest does with the values of columns tagged as personal data. Tags are always set. */
public enum PiiPolicy {
    /** Store values as they are (the default). */
    KEEP,
    /** Replace values by a partial mask such as {@code j***@example.com} or {@code ************1111}. */
    MASK,
    /** Replace values by a keyed SHA-256 (HMAC) so equal values stay joinable without being readable. */
    HASH;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the query-parameter spelling; {@code null} gives the default. */
    public static PiiPolicy parse(String value) {
        if (value == null || value.isBlank()) {
            return KEEP;
        }
        for (PiiPolicy p : values()) {
            if (p.wire().equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("pii must be one of " + allowed() + ", not '" + value + "'");
    }

    public static String allowed() {
        return Arrays.stream(values()).map(PiiPolicy::wire).collect(Collectors.joining(", "));
    }
}
