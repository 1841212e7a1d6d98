package ai.lepton.data.api;

import java.time.Instant;
import java.util.List;

/**
 * One immutable, content-addressed version of a dataset.
 *
 * @param dataset dataset name
 * @param number 1, 2, ...
 * @param sha256 SHA-256 of the canonical cleaned content (also the blob's name)
 * @param rows rows stored
 * @param columns name, inferred type and semantic tags per column
 * @param duplicatesRemoved exact duplicate rows removed after normalisation
 * @param rejected cells or rows cleaning could not keep as they were
 * @param parent the version this one was derived from, or null
 * @param source where the data came from
 * @param format the uploaded format
 * @param onError the error policy used
 * @param pii the personal-data policy used
 * @param bytes size of the stored canonical content
 * @param createdAt creation time
 * @param createdBy name of the key that uploaded it
 */
public record VersionView(String dataset, int number, String sha256, long rows, List<ColumnSchema> columns,
        long duplicatesRemoved, Rejected rejected, Integer parent, String source, SourceFormat format,
        ErrorPolicy onError, PiiPolicy pii, long bytes, Instant createdAt, String createdBy) {
}
