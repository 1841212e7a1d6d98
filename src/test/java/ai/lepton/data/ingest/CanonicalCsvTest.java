package ai.lepton.data.ingest;

import static ai.lepton.data.ingest.Ingest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.SourceFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCsvTest {

    private static final int INTERVAL = 10;

    @TempDir
    Path dir;

    private IngestResult stored;

    /** 95 rows: id 0..94, a text with commas, quotes and newlines, a decimal, a boolean and some nulls. */
    @BeforeEach
    void ingest95Rows() throws Exception {
        StringBuilder sb = new StringBuilder("id,text,amount,ok,when\n");
        for (int i = 0; i < 95; i++) {
            sb.append(i).append(",\"t").append(i).append(", \"\"q\"\"\nnext line\",")
                    .append(i % 5 == 0 ? "" : i + ".25").append(',').append(i % 2 == 0 ? "yes" : "no").append(',')
                    .append(String.format("2024-01-%02dT00:00:00Z", i % 28 + 1)).append('\n');
        }
        IngestSettings s = new IngestSettings(dir, 1L << 30, 0.9, 100, 1000, 1024, 1_048_576, INTERVAL);
        stored = Ingest.run(s, bytes(sb.toString()), SourceFormat.CSV, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(stored.rows()).isEqualTo(95);
        assertThat(stored.rowIndex()).hasSize(10);
        assertThat(stored.columns()).extracting(c -> c.type()).containsExactly(ColumnType.INTEGER, ColumnType.TEXT,
                ColumnType.DECIMAL, ColumnType.BOOLEAN, ColumnType.TIMESTAMP);
    }

    private List<Map<String, Object>> read(long offset, int limit) throws Exception {
        return CanonicalCsv.readRows(stored.canonicalFile(), stored.columns(), stored.rowIndex(), INTERVAL, offset,
                limit);
    }

    private static List<Object> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("id")).toList();
    }

    private static List<Object> range(long from, long to) {
        return java.util.stream.LongStream.range(from, to).boxed().map(Object.class::cast).toList();
    }

    @Test
    void pagesAcrossSeveralIndexIntervals() throws Exception {
        assertThat(ids(read(0, 5))).isEqualTo(range(0, 5));
        assertThat(ids(read(7, 25))).isEqualTo(range(7, 32));
        assertThat(ids(read(30, 10))).isEqualTo(range(30, 40));
        assertThat(ids(read(59, 2))).isEqualTo(range(59, 61));
        assertThat(ids(read(0, 1000))).isEqualTo(range(0, 95));
    }

    @Test
    void everyOffsetStartsAtItsOwnRow() throws Exception {
        for (int offset = 0; offset < 95; offset++) {
            assertThat(ids(read(offset, 1))).as("offset %d", offset).containsExactly((long) offset);
        }
    }

    @Test
    void readsTheTailBeyondTheLastIndexEntry() throws Exception {
        assertThat(ids(read(90, 10))).isEqualTo(range(90, 95));
        assertThat(ids(read(93, 10))).isEqualTo(range(93, 95));
        assertThat(ids(read(94, 1))).containsExactly(94L);
    }

    @Test
    void returnsNothingAtOrPastTheEnd() throws Exception {
        assertThat(read(95, 10)).isEmpty();
        assertThat(read(96, 10)).isEmpty();
        assertThat(read(10_000, 10)).isEmpty();
    }

    @Test
    void returnsNothingForANonPositiveLimit() throws Exception {
        assertThat(read(0, 0)).isEmpty();
        assertThat(read(0, -1)).isEmpty();
    }

    @Test
    void returnsNothingForAnEmptyVersion() throws Exception {
        IngestResult empty = Ingest.csv(dir, "a,b\n");
        assertThat(CanonicalCsv.readRows(empty.canonicalFile(), empty.columns(), empty.rowIndex(), 1000, 0, 10))
                .isEmpty();
    }

    @Test
    void typesValuesByColumn() throws Exception {
        Map<String, Object> r1 = read(1, 1).get(0);
        assertThat(r1).containsOnlyKeys("id", "text", "amount", "ok", "when");
        assertThat(r1.keySet()).containsExactly("id", "text", "amount", "ok", "when");
        assertThat(r1.get("id")).isEqualTo(1L);
        assertThat(r1.get("amount")).isEqualTo(new BigDecimal("1.25"));
        assertThat(r1.get("ok")).isEqualTo(Boolean.FALSE);
        assertThat(r1.get("when")).isEqualTo("2024-01-02T00:00:00Z");
        Map<String, Object> r0 = read(0, 1).get(0);
        assertThat(r0.get("amount")).isNull();
        assertThat(r0).containsKey("amount");
        assertThat(r0.get("ok")).isEqualTo(Boolean.TRUE);
    }

    @Test
    void roundTripsValuesWithCommasQuotesAndNewlines() throws Exception {
        List<Map<String, Object>> rows = read(45, 3);
        assertThat(rows).extracting(r -> r.get("text")).containsExactly("t45, \"q\"\nnext line",
                "t46, \"q\"\nnext line", "t47, \"q\"\nnext line");
    }

    @Test
    void roundTripsNonAsciiAndLargeDecimals() throws Exception {
        IngestResult r = Ingest.csv(dir, "name,x\nZoë 😀,12345678901234567890.5\n日本,-1e-3\n");
        List<Map<String, Object>> rows = CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 1000,
                0, 10);
        assertThat(rows).extracting(m -> m.get("name")).containsExactly("Zoë 😀", "日本");
        assertThat(rows).extracting(m -> m.get("x")).containsExactly(new BigDecimal("12345678901234567890.5"),
                new BigDecimal("-0.001"));
    }
}
