package ai.lepton.data.api;

import java.util.List;

/**
 * Statistics of a version.
 *
 * @param dataset dataset name
 * @param version version number
 * @param rows rows in the version
 * @param columns one profile per column
 */
public record VersionProfile(String dataset, int version, long rows, List<ColumnProfile> columns) {
}
