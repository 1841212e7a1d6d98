package ai.lepton.data.api;

/**
 * A cell (or row) that ingest could not keep as it was.
 *
 * @param row 1-based data record number (the CSV header is not a record)
 * @param line 1-based physical line in the uploaded file where the record starts
 * @param column the column name, or {@code null} when the whole row is concerned
 * @param value the offending value (truncated to 200 characters; masked or hashed like the column), or null
 * @param reason why it was rejected, e.g. {@code not an integer}
 */
public record RejectedCell(long row, long line, String column, String value, String reason) {
}
