package ai.lepton.data.api;

import java.util.List;
import java.util.Map;

/**
 * A page of a version's rows, values typed by column (integer and decimal as JSON numbers, boolean as JSON booleans,
 * timestamps as ISO-8601 strings, null as null).
 *
 * @param offset index of the first row
 * @param limit page size asked for
 * @param total rows in the version
 * @param columns column names, in order
 * @param rows the rows, each a column-name to value object
 */
public record RowsPage(long offset, int limit, long total, List<String> columns, List<Map<String, Object>> rows) {
}
