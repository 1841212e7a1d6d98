package ai.lepton.data.api;

import java.util.List;

/**
 * Statistics of one column of a dataset version, computed over the stored (cleaned, de-duplicated) rows.
 *
 * @param name column name
 * @param type column type
 * @param count number of rows (null cells included)
 * @param nulls number of null cells
 * @param distinct estimated number of distinct non-null values (exact below 4096, HyperLogLog above)
 * @param min smallest value, numeric columns only
 * @param max largest value, numeric columns only
 * @param mean arithmetic mean, numeric columns only
 * @param stddev population standard deviation, numeric columns only
 * @param earliest earliest instant, timestamp columns only
 * @param latest latest instant, timestamp columns only
 * @param top the 10 most frequent values with counts, categorical and boolean columns only
 */
public record ColumnProfile(String name, ColumnType type, long count, long nulls, long distinct,
        Double min, Double max, Double mean, Double stddev, String earliest, String latest,
        List<ValueCount> top) {
}
