package ai.lepton.data.api;

import java.time.Instant;
import java.util.List;

/**
 * A version as a dataset lists it, with its lineage.
 *
 * @param number 1, 2, ...
 * @param sha256 SHA-256 of the canonical cleaned content
 * @param rows rows stored
 * @param columns schema
 * @param duplicatesRemoved exact duplicate rows removed
 * @param rejectedCount cells or rows rejected by cleaning
 * @param parent the version this one was derived from (the dataset's latest version when it was uploaded), or null
 * @param source where the data came from, as given by the uploader ({@code ?source=}), or the upload's media type
 * @param createdAt creation time
 */
public record VersionSummary(int number, String sha256, long rows, List<ColumnSchema> columns, long duplicatesRemoved,
        long rejectedCount, Integer parent, String source, Instant createdAt) {
}
