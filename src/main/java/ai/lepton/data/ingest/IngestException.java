package ai.lepton.data.ingest;

/** An upload that cannot be stored; the message is a complete sentence naming the line (and column) at fault. */
public final class IngestException extends Exception {

    /** What went wrong. */
    public enum Kind {
        /** Not valid CSV / NDJSON / UTF-8, or beyond a structural limit. */
        MALFORMED,
        /** Larger than the upload limit. */
        TOO_LARGE,
        /** A cell does not fit its column and the policy is {@code fail}. */
        BAD_CELL,
        /** No header (CSV) or no object (NDJSON). */
        EMPTY
    }

    private final Kind kind;
    private final long line;
    private final String column;

    public IngestException(Kind kind, long line, String column, String message) {
        super(message);
        this.kind = kind;
        this.line = line;
        this.column = column;
    }

    public static IngestException malformed(long line, String what) {
        return new IngestException(Kind.MALFORMED, line, null, "line " + line + ": " + what);
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based physical line, 0 when not tied to a line. */
    public long line() {
        return line;
    }

    /** Column name, or null. */
    public String column() {
        return column;
    }
}
