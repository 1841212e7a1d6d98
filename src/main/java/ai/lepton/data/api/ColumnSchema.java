package ai.lepton.data.api;

import java.util.List;

/**
 * One column of a dataset version.
 *
 * @param name column name from the header (CSV) or the object key (NDJSON)
 * @param type inferred type
 * @param tags semantic tags; personal data gets {@code pii} plus one of {@code email}, {@code phone},
 *     {@code ipv4}, {@code ipv6}, {@code payment-card}, {@code iban}
 */
public record ColumnSchema(String name, ColumnType type, List<String> tags) {
    public ColumnSchema {
        tags = List.copyOf(tags);
    }
}
