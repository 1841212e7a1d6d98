package ai.lepton.data.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Formats accepted for dataset uploads. */
public enum SourceFormat {
    /** RFC 4180 CSV with a header line, UTF-8. */
    CSV("text/csv"),
    /** Newline-delimited JSON: one JSON object per line, UTF-8. */
    NDJSON("application/x-ndjson");

    private final String mediaType;

    SourceFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
