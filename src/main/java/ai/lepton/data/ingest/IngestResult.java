package ai.lepton.data.ingest;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.RejectedCell;
import java.nio.file.Path;
import java.util.List;

/**
 * A cleaned upload, ready to be stored.
 *
 * @param canonicalFile the canonical CSV in the work directory; the caller moves or deletes it
 * @param sha256 lower-case hex SHA-256 of exactly that file's bytes
 * @param canonicalBytes its size
 * @param rows rows stored (after drops and de-duplication)
 * @param columns schema
 * @param duplicatesRemoved exact duplicates removed
 * @param rejectedCount all rejected cells and rows
 * @param rejectedSample the first of them
 * @param profile statistics per column
 * @param rowIndex byte offset of stored row {@code k * rowIndexInterval} at index k
 * @param bytesRead bytes of input
 * @param recordsRead data records of input (header and blank lines excluded)
 */
public record IngestResult(Path canonicalFile, String sha256, long canonicalBytes, long rows,
        List<ColumnSchema> columns, long duplicatesRemoved, long rejectedCount, List<RejectedCell> rejectedSample,
        List<ColumnProfile> profile, long[] rowIndex, long bytesRead, long recordsRead) {
}
