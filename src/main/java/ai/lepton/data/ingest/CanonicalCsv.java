package ai.lepton.data.ingest;

import ai.lepton.data.api.ColumnSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads rows back from a canonical file, seeking through its row index instead of scanning from the start. */
public final class CanonicalCsv {

    private CanonicalCsv() {
    }

    /**
     * Rows {@code offset} to {@code offset + limit - 1} (fewer at the end), each a column-name to typed-value map:
     * INTEGER as Long, DECIMAL as BigDecimal, BOOLEAN as Boolean, the rest as String, null as null.
     */
    public static List<Map<String, Object>> readRows(Path file, List<ColumnSchema> columns, long[] rowIndex,
            int rowIndexInterval, long offset, int limit) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(Math.max(0, Math.min(limit, 1024)));
        if (rowIndex.length == 0 || limit <= 0) {
            return rows;
        }
        int k = (int) Math.min(offset / rowIndexInterval, rowIndex.length - 1);
        long skip = offset - (long) k * rowIndexInterval;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(rowIndex[k]);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch),
                    StandardCharsets.UTF_8), 1 << 16);
            CsvTokenizer csv = new CsvTokenizer(reader, Integer.MAX_VALUE - 8, Math.max(columns.size(), 1));
            while (rows.size() < limit && csv.next()) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                String[] f = csv.fields();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    String v = i < csv.count() ? f[i] : null;
                    row.put(columns.get(i).name(), v == null || v.isEmpty() ? null : typed(columns.get(i), v));
                }
                rows.add(row);
            }
        } catch (IngestException e) {
            throw new UncheckedIOException(new IOException("stored file " + file + " is not canonical CSV: "
                    + e.getMessage()));
        }
        return rows;
    }

    /** Streams every row of a canonical file, typed for training (see {@link ai.lepton.data.api.RowStream}). */
    public static ai.lepton.data.api.RowStream stream(Path file, List<ColumnSchema> columns) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(java.nio.file.Files.newInputStream(file),
                StandardCharsets.UTF_8), 1 << 16);
        CsvTokenizer csv = new CsvTokenizer(reader, Integer.MAX_VALUE - 8, Math.max(columns.size(), 1));
        try {
            csv.next(); // header
        } catch (IngestException e) {
            reader.close();
            throw new IOException("stored file " + file + " is not canonical CSV: " + e.getMessage());
        }
        Object[] values = new Object[columns.size()];
        return new ai.lepton.data.api.RowStream() {
            @Override
            public List<ColumnSchema> columns() {
                return columns;
            }

            @Override
            public boolean next() throws IOException {
                try {
                    if (!csv.next()) {
                        return false;
                    }
                } catch (IngestException e) {
                    throw new IOException("stored file " + file + " is not canonical CSV: " + e.getMessage());
                }
                String[] f = csv.fields();
                for (int i = 0; i < values.length; i++) {
                    String v = i < csv.count() ? f[i] : null;
                    values[i] = v == null || v.isEmpty() ? null : trainingValue(columns.get(i), v);
                }
                return true;
            }

            @Override
            public Object value(int index) {
                return values[index];
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static Object trainingValue(ColumnSchema column, String v) {
        return switch (column.type()) {
            case INTEGER -> Long.parseLong(v);
            case DECIMAL -> Double.parseDouble(v);
            case BOOLEAN -> Boolean.parseBoolean(v);
            case TIMESTAMP -> (double) java.time.Instant.parse(v).getEpochSecond();
            default -> v;
        };
    }

    private static Object typed(ColumnSchema column, String v) {
        return switch (column.type()) {
            case INTEGER -> Long.parseLong(v);
            case DECIMAL -> new BigDecimal(v);
            case BOOLEAN -> Boolean.parseBoolean(v);
            default -> v;
        };
    }
}
