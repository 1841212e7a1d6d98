package ai.lepton.data.ingest;

import static ai.lepton.data.ingest.Ingest.bytes;
import static ai.lepton.data.ingest.Ingest.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.RejectedCell;
import ai.lepton.data.api.SourceFormat;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineEdgeCasesTest {

    @TempDir
    Path dir;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static List<ColumnType> types(IngestResult r) {
        return r.columns().stream().map(ColumnSchema::type).toList();
    }

    /** {@code n} rows {@code i,<i>} after a header {@code id,n}. */
    private static StringBuilder ints(String header, int from, int to) {
        StringBuilder sb = new StringBuilder(header);
        for (int i = from; i <= to; i++) {
            sb.append(i).append(',').append(i * 10).append('\n');
        }
        return sb;
    }

    // ---------------------------------------------------------------- cleaning and canonical values

    @Test
    void writesCanonicalValuesPerInferredType() throws Exception {
        IngestResult r = Ingest.csv(dir, "id,price,flag,when,label\n"
                + "+007, 1.50 ,yes,2024-01-02T03:04:05+01:00,a\n"
                + "-0,2.0,N,2024-01-03,a\n"
                + "12,1e3,TRUE,2024-01-04 00:00:00.5Z,b\n"
                + "5,.5,f,2024-01-05T10:00Z,b\n");
        assertThat(types(r)).containsExactly(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.BOOLEAN,
                ColumnType.TIMESTAMP, ColumnType.CATEGORICAL);
        assertThat(content(r)).isEqualTo("id,price,flag,when,label\n"
                + "7,1.5,true,2024-01-02T02:04:05Z,a\n"
                + "0,2,false,2024-01-03T00:00:00Z,a\n"
                + "12,1000,true,2024-01-04T00:00:00.500Z,b\n"
                + "5,0.5,false,2024-01-05T10:00:00Z,b\n");
    }

    @Test
    void trimsCellsAndMapsNullSpellingsToEmptyFields() throws Exception {
        IngestResult r = Ingest.csv(dir, " id , name \n1,  Ann  \n2,NA\n3,N/A\n4,null\n5,NULL\n6,-\n7,\"  \"\n8,na\n");
        assertThat(r.columns()).extracting(ColumnSchema::name).containsExactly("id", "name");
        assertThat(content(r)).isEqualTo("id,name\n1,Ann\n2,\n3,\n4,\n5,\n6,\n7,\n8,na\n");
    }

    @Test
    void ignoresNullsWhenJudgingTheTypeThreshold() throws Exception {
        StringBuilder sb = new StringBuilder("id,n\n");
        for (int i = 1; i <= 9; i++) {
            sb.append(i).append(',').append(i).append('\n');
        }
        sb.append("10,x\n");
        for (int i = 11; i <= 30; i++) {
            sb.append(i).append(",NA\n");
        }
        IngestResult r = Ingest.csv(dir, sb.toString());
        assertThat(r.columns().get(1).type()).isEqualTo(ColumnType.INTEGER);
        assertThat(r.rejectedCount()).isEqualTo(1);
    }

    @Test
    void quotesCanonicalValuesOnlyWhereNeeded() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",plain\n");
        assertThat(content(r)).isEqualTo("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",plain\n");
    }

    @Test
    void countsDataRecordsAndInputBytes() throws Exception {
        String text = "a,b\n\n1,2\n\n3,4\n1,2\n";
        IngestResult r = Ingest.csv(dir, text);
        assertThat(r.recordsRead()).isEqualTo(3);
        assertThat(r.bytesRead()).isEqualTo(bytes(text).length);
        assertThat(r.rows()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- duplicates

    @Test
    void removesExactDuplicatesAfterNormalisationAndCountsThem() throws Exception {
        IngestResult r = Ingest.csv(dir, "id,name,score\n"
                + "1,Ann,1.5\n"
                + "01, Ann ,1.50\n"
                + "+1,Ann,1.5e0\n"
                + "2,Bob,2\n"
                + "1,Ann,1.5\n"
                + "2,bob,2\n");
        assertThat(r.duplicatesRemoved()).isEqualTo(3);
        assertThat(r.rows()).isEqualTo(3);
        assertThat(content(r)).isEqualTo("id,name,score\n1,Ann,1.5\n2,Bob,2\n2,bob,2\n");
        assertThat(r.profile().get(0).count()).isEqualTo(3);
    }

    @Test
    void keepsRowsThatDifferOnlyInWhereTheCommasAre() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b\n\"x,y\",z\nx,\"y,z\"\n");
        assertThat(r.duplicatesRemoved()).isZero();
        assertThat(r.rows()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- ragged rows

    @Test
    void nullsMissingTrailingFieldsUnderNullCellAndRecordsTheRow() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b,c\n1,2,3\n4\n5,6\n", ErrorPolicy.NULL_CELL);
        assertThat(content(r)).isEqualTo("a,b,c\n1,2,3\n4,,\n5,6,\n");
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejectedSample()).containsExactly(
                new RejectedCell(2, 3, null, null, "missing 2 field(s)"),
                new RejectedCell(3, 4, null, null, "missing 1 field(s)"));
    }

    @Test
    void refusesExtraFieldsUnderNullCellNamingTheLine() {
        IngestException e = Ingest.csvFailure(dir, "a,b\n1,2\n3,4,5\n", ErrorPolicy.NULL_CELL);
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("3 fields, the header has 2")
                .contains("onError=drop-row");
    }

    @Test
    void dropsShortAndLongRowsUnderDropRowAndRecordsThem() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b\n1,2\n3\n4,5,6\n7,8\n", ErrorPolicy.DROP_ROW);
        assertThat(content(r)).isEqualTo("a,b\n1,2\n7,8\n");
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.recordsRead()).isEqualTo(4);
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejectedSample()).containsExactly(
                new RejectedCell(2, 3, null, null, "missing 1 field(s)"),
                new RejectedCell(3, 4, null, null, "3 fields, the header has 2"));
    }

    @Test
    void refusesShortAndLongRowsUnderFailNamingTheLine() {
        IngestException shortRow = Ingest.csvFailure(dir, "a,b\n1,2\n\n3\n", ErrorPolicy.FAIL);
        assertThat(shortRow.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(shortRow.line()).isEqualTo(4);
        assertThat(shortRow.getMessage()).contains("line 4").contains("1 fields, the header has 2");
        IngestException longRow = Ingest.csvFailure(dir, "a,b\n1,2,3\n", ErrorPolicy.FAIL);
        assertThat(longRow.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(longRow.line()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- bad cells

    /**
     * Twenty integers in n and two bad values: 'abc' in data row 2, which starts on physical line 4 (row 1 spans two
     * lines), and 'zzz' in data row 22 on line 24.
     */
    private static String oneBadCell() {
        StringBuilder sb = new StringBuilder("id,note,n\n1,\"two\nlines\",10\n2,x,abc\n");
        for (int i = 3; i <= 21; i++) {
            sb.append(i).append(",x,").append(i * 10).append('\n');
        }
        sb.append("22,x,zzz\n");
        return sb.toString();
    }

    @Test
    void refusesTheFirstBadCellUnderFailNamingLineAndColumn() {
        IngestException e = Ingest.csvFailure(dir, oneBadCell(), ErrorPolicy.FAIL);
        assertThat(e.kind()).isEqualTo(IngestException.Kind.BAD_CELL);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo("n");
        assertThat(e.getMessage()).contains("line 4, column 'n'").contains("not an integer").contains("'abc'");
    }

    @Test
    void nullsABadCellUnderNullCellAndRecordsRowLineColumnValueAndReason() throws Exception {
        IngestResult r = Ingest.csv(dir, oneBadCell(), ErrorPolicy.NULL_CELL);
        assertThat(r.columns().get(2).type()).isEqualTo(ColumnType.INTEGER);
        assertThat(r.rows()).isEqualTo(22);
        assertThat(content(r)).contains("\n2,x,\n").contains("\n22,x,\n");
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejectedSample()).containsExactly(
                new RejectedCell(2, 4, "n", "abc", "not an integer"),
                new RejectedCell(22, 24, "n", "zzz", "not an integer"));
    }

    @Test
    void dropsTheRowOfABadCellUnderDropRowAndRecordsTheCell() throws Exception {
        IngestResult r = Ingest.csv(dir, oneBadCell(), ErrorPolicy.DROP_ROW);
        assertThat(r.rows()).isEqualTo(20);
        assertThat(content(r)).doesNotContain("\n2,x,").doesNotContain("zzz").doesNotContain("abc");
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejectedSample()).containsExactly(
                new RejectedCell(2, 4, "n", "abc", "not an integer"),
                new RejectedCell(22, 24, "n", "zzz", "not an integer"));
    }

    @Test
    void truncatesARejectedValueTo200Characters() throws Exception {
        String longBad = "q".repeat(300);
        StringBuilder sb = ints("id,n\n", 1, 20);
        sb.append("21,").append(longBad).append('\n');
        IngestResult r = Ingest.csv(dir, sb.toString(), ErrorPolicy.NULL_CELL);
        assertThat(r.rejectedSample()).singleElement().satisfies(c -> assertThat(c.value()).hasSize(200));
    }

    @Test
    void capsTheRejectedSampleButCountsEveryRejection() throws Exception {
        StringBuilder sb = ints("id,n\n", 1, 90);
        for (int i = 0; i < 10; i++) {
            sb.append(100 + i).append(",x").append(i).append('\n');
        }
        IngestSettings s = new IngestSettings(dir, 1L << 30, 0.9, 3, 1000, 1024, 1_048_576, 1000);
        IngestResult r = Ingest.run(s, bytes(sb.toString()), SourceFormat.CSV, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.columns().get(1).type()).isEqualTo(ColumnType.INTEGER);
        assertThat(r.rejectedCount()).isEqualTo(10);
        assertThat(r.rejectedSample()).extracting(RejectedCell::value).containsExactly("x0", "x1", "x2");
    }

    @Test
    void capsTheSampleAcrossRowAndCellRejections() throws Exception {
        IngestSettings s = new IngestSettings(dir, 1L << 30, 0.9, 2, 1000, 1024, 1_048_576, 1000);
        IngestResult r = Ingest.run(s, bytes("a,b\n1\n2\n3\n4,5\n"), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.DROP_ROW));
        assertThat(r.rejectedCount()).isEqualTo(3);
        assertThat(r.rejectedSample()).extracting(RejectedCell::row).containsExactly(1L, 2L);
    }

    // ---------------------------------------------------------------- personal data

    private static final List<String> EMAILS = List.of("john.doe@example.com", "mary@example.org",
            "zed+tag@mail.example.net", "ann@example.com");

    private static String peopleCsv() {
        StringBuilder sb = new StringBuilder("id,email,phone,n\n");
        for (int i = 0; i < EMAILS.size(); i++) {
            sb.append(i + 1).append(',').append(EMAILS.get(i)).append(",+1 415 555 26").append(10 + i)
                    .append(',').append(i).append('\n');
        }
        // a non-personal value in the e-mail column and a bad cell elsewhere in the same row
        sb.append("5,unknown,+44 20 7946 0958,bad\n");
        for (int i = 6; i <= 15; i++) {
            sb.append(i).append(',').append("p").append(i).append("@example.com,+33 1 23 45 67 ").append(10 + i)
                    .append(',').append(i).append('\n');
        }
        return sb.toString();
    }

    private static List<String> rawPersonalValues(String csv) {
        return csv.lines().skip(1).flatMap(l -> {
            String[] f = l.split(",");
            return java.util.stream.Stream.of(f[1], f[2]);
        }).filter(v -> !v.equals("unknown")).toList();
    }

    @Test
    void tagsPersonalDataColumnsAndKeepsValuesUnderKeep() throws Exception {
        IngestResult r = Ingest.csv(dir, peopleCsv());
        assertThat(r.columns().get(1).tags()).containsExactly("pii", "email");
        assertThat(r.columns().get(2).tags()).containsExactly("pii", "phone");
        assertThat(r.columns().get(0).tags()).isEmpty();
        assertThat(content(r)).contains("john.doe@example.com");
    }

    @Test
    void masksPersonalDataWithoutLeakingRawValuesIntoTheFileOrTheRejectedSample() throws Exception {
        String csv = peopleCsv();
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), bytes(csv), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL, PiiPolicy.MASK));
        String out = content(r);
        for (String raw : rawPersonalValues(csv)) {
            assertThat(out).doesNotContain(raw);
            assertThat(r.rejectedSample().toString()).doesNotContain(raw);
        }
        assertThat(out).contains("j***@example.com").contains("+* *** *** **10").contains("\n5,***,");
        assertThat(r.columns().get(1).type()).isIn(ColumnType.TEXT, ColumnType.CATEGORICAL);
        assertThat(r.rejectedSample()).extracting(RejectedCell::column).containsExactly("n");
        for (ColumnProfile p : r.profile()) {
            for (String raw : rawPersonalValues(csv)) {
                assertThat(p.toString()).doesNotContain(raw);
            }
        }
    }

    @Test
    void hashesPersonalDataWithTheKeyWithoutLeakingRawValues() throws Exception {
        String csv = peopleCsv();
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), bytes(csv), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.DROP_ROW, PiiPolicy.HASH));
        String out = content(r);
        for (String raw : rawPersonalValues(csv)) {
            assertThat(out).doesNotContain(raw);
            assertThat(r.rejectedSample().toString()).doesNotContain(raw);
        }
        String expected = new ai.lepton.data.classify.PiiMasker(Ingest.KEY).hash("john.doe@example.com");
        assertThat(out).contains("\n1," + expected + ",");
        assertThat(r.rejectedSample()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("n");
            assertThat(c.value()).isEqualTo("bad");
        });
    }

    @Test
    void hashesEqualValuesEquallySoTheyStayJoinable() throws Exception {
        IngestResult r = Ingest.run(IngestSettings.defaults(dir),
                bytes("id,email\n1,a@example.com\n2,b@example.com\n3, a@example.com \n"), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL, PiiPolicy.HASH));
        List<String> lines = content(r).lines().toList();
        String h1 = lines.get(1).split(",")[1];
        String h2 = lines.get(2).split(",")[1];
        String h3 = lines.get(3).split(",")[1];
        assertThat(h1).matches("[0-9a-f]{64}").isEqualTo(h3).isNotEqualTo(h2);
    }

    // ---------------------------------------------------------------- content address

    @Test
    void reportsTheSha256AndSizeOfExactlyTheOutputFileBytes() throws Exception {
        IngestResult r = Ingest.csv(dir, "id,name\n1,é\n2,\"a,b\"\n3,😀\n");
        byte[] file = Files.readAllBytes(r.canonicalFile());
        assertThat(r.sha256()).isEqualTo(sha256(file));
        assertThat(r.canonicalBytes()).isEqualTo(file.length);
    }

    @Test
    void reportsTheSha256OfALargeOutputSpanningManyWriteBuffers() throws Exception {
        StringBuilder sb = new StringBuilder("id,text\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append(",row number ").append(i).append(" with some padding text\n");
        }
        sb.append("20000,").append("w".repeat(100_000)).append('\n');
        IngestResult r = Ingest.csv(dir, sb.toString());
        byte[] file = Files.readAllBytes(r.canonicalFile());
        assertThat(r.sha256()).isEqualTo(sha256(file));
        assertThat(r.canonicalBytes()).isEqualTo(file.length);
        assertThat(r.rows()).isEqualTo(20_001);
    }

    @Test
    void givesTheSameSha256ForEquivalentInputs() throws Exception {
        String lf = Ingest.csv(dir, "id,name,score\n1,Ann,1.5\n2,Bob,2\n").sha256();
        String crlf = Ingest.csv(dir, "id,name,score\r\n1,Ann,1.5\r\n2,Bob,2\r\n").sha256();
        String spaced = Ingest.csv(dir, " id , name , score \n 1 ,Ann  , 1.5\n2, Bob,2\n\n").sha256();
        String zeros = Ingest.csv(dir, "id,name,score\n01,Ann,1.50\n+2,Bob,2.0\n").sha256();
        String quoted = Ingest.csv(dir, "\"id\",\"name\",\"score\"\n\"1\",\"Ann\",\"1.5\"\n2,\"Bob\",2").sha256();
        String ndjson = Ingest.ndjson(dir, "{\"id\":1,\"name\":\"Ann\",\"score\":1.50}\n"
                + "{\"id\":2,\"name\":\"Bob\",\"score\":2}\n").sha256();
        assertThat(List.of(crlf, spaced, zeros, quoted, ndjson)).containsOnly(lf);
        String different = Ingest.csv(dir, "id,name,score\n1,Ann,1.5\n2,Bob,3\n").sha256();
        assertThat(different).isNotEqualTo(lf);
    }

    // ---------------------------------------------------------------- failures and temp files

    @Test
    void deletesSpoolAndOutputFromTheWorkDirectoryAfterAnyFailure() throws Exception {
        Path work = dir.resolve("work");
        IngestSettings s = new IngestSettings(work, 200, 0.9, 100, 1000, 8, 50, 1000);
        List<byte[]> bad = List.of(
                bytes("a,b\n1,\"open\n"), // unbalanced quote
                Ingest.concat(bytes("a\n1\n"), new byte[] {(byte) 0xFF}), // invalid UTF-8
                bytes("a,b\n1,2,3\n"), // ragged under fail
                bytes("a\n" + "1\n".repeat(200)), // too large
                bytes(""), // empty
                bytes("a,a\n1,2\n"), // repeated header name
                bytes("a\n" + "x".repeat(60) + "\n")); // cell too long
        for (byte[] input : bad) {
            Throwable t = catchThrowable(() -> Ingest.run(s, input, SourceFormat.CSV,
                    Ingest.options(ErrorPolicy.FAIL)));
            assertThat(t).isInstanceOf(IngestException.class);
            assertThat(Ingest.files(work)).isEmpty();
        }
        IngestException badCell = Ingest.failure(s, bytes(ints("id,n\n", 1, 10) + "11,x\n"), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.FAIL));
        assertThat(badCell.kind()).isEqualTo(IngestException.Kind.BAD_CELL);
        assertThat(Ingest.files(work)).isEmpty();
        Throwable nd = catchThrowable(() -> Ingest.run(s, bytes("{\"a\":1}\n[]\n"), SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.FAIL)));
        assertThat(nd).isInstanceOf(IngestException.class);
        assertThat(Ingest.files(work)).isEmpty();
    }

    @Test
    void deletesTempFilesWhenTheInputStreamFails() throws Exception {
        Path work = dir.resolve("work");
        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws java.io.IOException {
                if (n++ < 10) {
                    return 'a';
                }
                throw new java.io.IOException("connection reset");
            }
        };
        Throwable t = catchThrowable(() -> Ingest.run(IngestSettings.defaults(work), failing, SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL)));
        assertThat(t).isInstanceOf(java.io.IOException.class).hasMessageContaining("connection reset");
        assertThat(Ingest.files(work)).isEmpty();
    }

    @Test
    void leavesOnlyTheOutputFileAfterSuccess() throws Exception {
        Path work = dir.resolve("work");
        IngestResult r = Ingest.run(IngestSettings.defaults(work), bytes("a\n1\n"), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(Ingest.files(work)).containsExactly(r.canonicalFile());
    }

    @Test
    void refusesAnEmptyUploadAsEmpty() {
        assertThat(Ingest.csvFailure(dir, "", ErrorPolicy.NULL_CELL).kind()).isEqualTo(IngestException.Kind.EMPTY);
        assertThat(Ingest.csvFailure(dir, "\n\r\n  \n", ErrorPolicy.NULL_CELL).kind())
                .isEqualTo(IngestException.Kind.EMPTY);
        IngestException nd = Ingest.failure(IngestSettings.defaults(dir), bytes(""), SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(nd.kind()).isEqualTo(IngestException.Kind.EMPTY);
    }

    @Test
    void refusesAHeaderWithAnEmptyOrRepeatedName() {
        IngestException empty = Ingest.csvFailure(dir, "\na,,c\n1,2,3\n", ErrorPolicy.NULL_CELL);
        assertThat(empty.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(empty.line()).isEqualTo(2);
        assertThat(empty.getMessage()).contains("column 2");
        IngestException repeated = Ingest.csvFailure(dir, "a, b ,b\n1,2,3\n", ErrorPolicy.NULL_CELL);
        assertThat(repeated.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(repeated.column()).isEqualTo("b");
        assertThat(repeated.getMessage()).contains("column 3").contains("'b'");
    }

    @Test
    void storesAHeaderOnlyCsvAsZeroRows() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b\n");
        assertThat(r.rows()).isZero();
        assertThat(r.recordsRead()).isZero();
        assertThat(r.rowIndex()).isEmpty();
        assertThat(content(r)).isEqualTo("a,b\n");
        assertThat(types(r)).containsExactly(ColumnType.TEXT, ColumnType.TEXT);
        assertThat(r.profile()).extracting(ColumnProfile::count).containsExactly(0L, 0L);
    }

    @Test
    void roundTripsAOneColumnCsvWithNulls() throws Exception {
        IngestResult r = Ingest.csv(dir, "v\n1\nNA\n\n2\n\"\"\n3\n");
        assertThat(r.rows()).isEqualTo(4); // the second null row is a duplicate of the first
        assertThat(r.duplicatesRemoved()).isEqualTo(1);
        assertThat(content(r)).isEqualTo("v\n1\n\"\"\n2\n3\n");
        List<Map<String, Object>> rows = CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 1000,
                0, 10);
        assertThat(rows).extracting(m -> m.get("v")).containsExactly(1L, null, 2L, 3L);
        assertThat(rows.get(1)).containsKey("v");
    }

    @Test
    void writesANullOnlyMultiColumnRowAsCommas() throws Exception {
        IngestResult r = Ingest.csv(dir, "a,b\nNA,-\n1,2\n");
        assertThat(content(r)).isEqualTo("a,b\n,\n1,2\n");
        List<Map<String, Object>> rows = CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 1000,
                0, 10);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("a", null).containsEntry("b", null);
    }

    @Test
    void indexesTheByteOffsetOfEveryNthStoredRow() throws Exception {
        StringBuilder sb = new StringBuilder("id,text\n");
        for (int i = 0; i < 95; i++) {
            String line = i + ",\"t" + i + (i % 7 == 0 ? "\nsecond line" : "") + "\"\n";
            sb.append(line);
            if (i % 10 == 3) {
                sb.append(line); // a duplicate: not stored, not indexed
            }
        }
        IngestSettings s = new IngestSettings(dir, 1L << 30, 0.9, 100, 1000, 1024, 1_048_576, 10);
        IngestResult r = Ingest.run(s, bytes(sb.toString()), SourceFormat.CSV, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.rows()).isEqualTo(95);
        assertThat(r.rowIndex()).hasSize(10);
        byte[] file = Files.readAllBytes(r.canonicalFile());
        assertThat(r.rowIndex()[0]).isEqualTo("id,text\n".length());
        for (int k = 0; k < r.rowIndex().length; k++) {
            int at = (int) r.rowIndex()[k];
            String rest = new String(file, at, file.length - at, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(rest).startsWith((k * 10) + ",");
            assertThat(file[at - 1]).isEqualTo((byte) '\n');
        }
    }

    // ---------------------------------------------------------------- NDJSON end to end

    @Test
    void alignsNdjsonRowsToColumnsFirstSeenLater() throws Exception {
        IngestResult r = Ingest.ndjson(dir, "{\"a\":1}\n\n{\"b\":\"x\",\"a\":2}\n{\"c\":true,\"a\":3}\n");
        assertThat(r.columns()).extracting(ColumnSchema::name).containsExactly("a", "b", "c");
        assertThat(content(r)).isEqualTo("a,b,c\n1,,\n2,x,\n3,,true\n");
        assertThat(r.recordsRead()).isEqualTo(3);
    }

    @Test
    void reportsNdjsonErrorsWithTheLine() {
        IngestException e = Ingest.failure(IngestSettings.defaults(dir), bytes("{\"a\":1}\n\n[1]\n"),
                SourceFormat.NDJSON, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void reportsNdjsonBadCellsWithTheirLine() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 10; i++) {
            sb.append("{\"n\":").append(i).append("}\n");
        }
        sb.append("\n{\"n\":\"oops\"}\n");
        IngestResult r = Ingest.ndjson(dir, sb.toString());
        assertThat(r.rejectedSample()).containsExactly(new RejectedCell(11, 12, "n", "oops", "not an integer"));
    }

    // ---------------------------------------------------------------- profiles

    @Test
    void profilesTheStoredRows() throws Exception {
        IngestResult r = Ingest.csv(dir, "n,when,c\n1,2024-01-02,a\n2,2024-01-01T10:00:00Z,a\n2,2024-01-01T10:00:00Z,a\n"
                + "NA,2023-12-31T23:59:59.25Z,b\n3,,a\n");
        ColumnProfile n = r.profile().get(0);
        assertThat(n.count()).isEqualTo(4);
        assertThat(n.nulls()).isEqualTo(1);
        assertThat(n.min()).isEqualTo(1.0);
        assertThat(n.max()).isEqualTo(3.0);
        assertThat(n.mean()).isEqualTo(2.0);
        ColumnProfile when = r.profile().get(1);
        assertThat(when.type()).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(when.earliest()).isEqualTo("2023-12-31T23:59:59.250Z");
        assertThat(when.latest()).isEqualTo("2024-01-02T00:00:00Z");
        ColumnProfile c = r.profile().get(2);
        assertThat(c.type()).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(c.top()).extracting(v -> v.value() + "=" + v.count()).containsExactly("a=3", "b=1");
    }
}
