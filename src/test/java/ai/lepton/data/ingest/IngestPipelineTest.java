package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.RejectedCell;
import ai.lepton.data.api.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestPipelineTest {

    @TempDir
    Path work;

    IngestResult run(String body, SourceFormat format, ErrorPolicy policy, PiiPolicy pii) throws Exception {
        return run(body.getBytes(StandardCharsets.UTF_8), format, policy, pii, IngestSettings.defaults(work));
    }

    IngestResult run(byte[] body, SourceFormat format, ErrorPolicy policy, PiiPolicy pii, IngestSettings settings)
            throws Exception {
        return new IngestPipeline(settings).run(new ByteArrayInputStream(body), format,
                new IngestOptions(policy, pii, new byte[] {9, 9, 9}));
    }

    IngestResult csv(String body) throws Exception {
        return run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP);
    }

    static String content(IngestResult r) throws IOException {
        return Files.readString(r.canonicalFile(), StandardCharsets.UTF_8);
    }

    IngestException failure(String body, SourceFormat format, ErrorPolicy policy) {
        try {
            run(body, format, policy, PiiPolicy.KEEP);
        } catch (IngestException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure");
    }

    long filesInWork() throws IOException {
        try (Stream<Path> s = Files.list(work)) {
            return s.count();
        }
    }

    @Test
    void writesCanonicalContentAndHashesExactlyItsBytes() throws Exception {
        IngestResult r = csv("id , amount,when\n 1,1.50,2024-01-02\n2, 7 ,2024-01-03T10:00:00+01:00\n");
        assertThat(content(r)).isEqualTo("id,amount,when\n1,1.5,2024-01-02T00:00:00Z\n2,7,2024-01-03T09:00:00Z\n");
        byte[] bytes = Files.readAllBytes(r.canonicalFile());
        assertThat(r.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(r.canonicalBytes()).isEqualTo(bytes.length);
        assertThat(r.columns()).extracting(c -> c.type())
                .containsExactly(ColumnType.INTEGER, ColumnType.DECIMAL, ColumnType.TIMESTAMP);
    }

    @Test
    void equivalentInputsHaveTheSameDigest() throws Exception {
        String a = csv("id,amount,city\n1,1.50,Oslo\n2,3,Rome\n").sha256();
        String b = csv("id,amount,city\r\n1, 1.5 ,Oslo\r\n+2,3.00,\"Rome\"\r\n").sha256();
        String c = run("{\"id\":1,\"amount\":1.5,\"city\":\"Oslo\"}\n{\"id\":2,\"amount\":3,\"city\":\"Rome\"}\n",
                SourceFormat.NDJSON, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP).sha256();
        assertThat(b).isEqualTo(a);
        assertThat(c).isEqualTo(a);
        assertThat(csv("id,amount,city\n1,1.5,Oslo\n2,3,Roma\n").sha256()).isNotEqualTo(a);
    }

    @Test
    void removesExactDuplicatesAfterNormalisation() throws Exception {
        IngestResult r = csv("a,b\n1,x\n1, x\n01,x\n2,y\n");
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.duplicatesRemoved()).isEqualTo(2);
        assertThat(r.recordsRead()).isEqualTo(4);
    }

    @Test
    void nullCellPolicyNullsBadCellsAndRecordsThem() throws Exception {
        StringBuilder sb = new StringBuilder("n,label\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append(",row").append(i).append('\n');
        }
        sb.append("oops,bad\n");
        IngestResult r = csv(sb.toString());
        assertThat(r.rows()).isEqualTo(21);
        assertThat(r.rejectedCount()).isEqualTo(1);
        assertThat(r.rejectedSample()).containsExactly(new RejectedCell(21, 22, "n", "oops", "not an integer"));
        assertThat(content(r)).endsWith("\n,bad\n");
    }

    @Test
    void dropRowPolicyDropsRowsWithBadCellsOrMissingFields() throws Exception {
        String body = "n,label\n" + "1,a\n".repeat(1) + "2,b\n3,c\n4,d\n5,e\n6,f\n7,g\n8,h\n9,i\n10,j\nx,k\n11\n";
        IngestResult r = run(body, SourceFormat.CSV, ErrorPolicy.DROP_ROW, PiiPolicy.KEEP);
        assertThat(r.rows()).isEqualTo(10);
        assertThat(r.rejectedCount()).isEqualTo(2);
        assertThat(r.rejectedSample()).extracting(RejectedCell::line).containsExactly(12L, 13L);
    }

    @Test
    void failPolicyNamesTheFirstBadCellAndLeavesNoFiles() throws Exception {
        StringBuilder sb = new StringBuilder("n,label\n");
        for (int i = 1; i <= 9; i++) {
            sb.append(i).append(",r\n");
        }
        sb.append("ten,j\n");
        for (int i = 11; i <= 21; i++) {
            sb.append(i).append(",r\n");
        }
        sb.append("eleven,l\n");
        String body = sb.toString();
        IngestException e = failure(body, SourceFormat.CSV, ErrorPolicy.FAIL);
        assertThat(e.kind()).isEqualTo(IngestException.Kind.BAD_CELL);
        assertThat(e.line()).isEqualTo(11);
        assertThat(e.column()).isEqualTo("n");
        assertThat(e.getMessage()).contains("line 11").contains("'n'").contains("ten");
        assertThat(filesInWork()).isZero();
    }

    @Test
    void raggedRowsFollowThePolicy() throws Exception {
        IngestResult padded = csv("a,b,c\n1,2\n3,4,5\n");
        assertThat(padded.rows()).isEqualTo(2);
        assertThat(padded.rejectedSample().get(0).reason()).isEqualTo("missing 1 field(s)");
        assertThat(failure("a,b\n1,2,3\n", SourceFormat.CSV, ErrorPolicy.NULL_CELL).line()).isEqualTo(2);
        assertThat(failure("a,b\n1,2\n3\n", SourceFormat.CSV, ErrorPolicy.FAIL).line()).isEqualTo(3);
        assertThat(run("a,b\n1,2,3\n4,5\n", SourceFormat.CSV, ErrorPolicy.DROP_ROW, PiiPolicy.KEEP).rows())
                .isEqualTo(1);
    }

    @Test
    void invalidUtf8IsReportedOnItsLine() throws Exception {
        byte[][] bad = {
            {(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        for (byte[] b : bad) {
            byte[] head = "a,b\n1,2\n3,".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + b.length + 2];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(b, 0, body, head.length, b.length);
            body[body.length - 2] = 'x';
            body[body.length - 1] = '\n';
            IngestException e = org.junit.jupiter.api.Assertions.assertThrows(IngestException.class,
                    () -> run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP,
                            IngestSettings.defaults(work)));
            assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
            assertThat(e.line()).as(HexFormat.of().formatHex(b)).isEqualTo(3);
            assertThat(e.getMessage()).contains("invalid UTF-8");
        }
        assertThat(filesInWork()).isZero();
    }

    @Test
    void byteOrderMarkIsDropped() throws Exception {
        byte[] body = ("\uFEFFid,v\n1,2\n").getBytes(StandardCharsets.UTF_8);
        IngestResult r = run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP, IngestSettings.defaults(work));
        assertThat(r.columns().get(0).name()).isEqualTo("id");
    }

    @Test
    void inputOverTheLimitIsTooLargeAndLeavesNoFiles() throws Exception {
        IngestSettings small = new IngestSettings(work, 100, 0.9, 100, 1000, 1024, 1_000_000, 1000);
        byte[] body = ("a,b\n" + "1,2\n".repeat(100)).getBytes(StandardCharsets.UTF_8);
        IngestException e = org.junit.jupiter.api.Assertions.assertThrows(IngestException.class,
                () -> run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP, small));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.TOO_LARGE);
        assertThat(filesInWork()).isZero();
    }

    @Test
    void headerProblemsAndEmptyInputs() throws Exception {
        assertThat(failure("a,,c\n1,2,3\n", SourceFormat.CSV, ErrorPolicy.NULL_CELL).getMessage())
                .contains("column 2 of the header has no name");
        assertThat(failure("a,b,a\n1,2,3\n", SourceFormat.CSV, ErrorPolicy.NULL_CELL).getMessage())
                .contains("repeats the name 'a'");
        assertThat(failure("", SourceFormat.CSV, ErrorPolicy.NULL_CELL).kind()).isEqualTo(IngestException.Kind.EMPTY);
        assertThat(failure("\n\n", SourceFormat.NDJSON, ErrorPolicy.NULL_CELL).kind())
                .isEqualTo(IngestException.Kind.EMPTY);
        assertThat(csv("a,b\n").rows()).isZero();
    }

    @Test
    void ndjsonUnionOfKeysNestedValuesAndErrors() throws Exception {
        IngestResult r = run("{\"a\":1,\"n\":{\"x\":[1,2]}}\r\n\n{\"b\":true,\"a\":2}\n", SourceFormat.NDJSON,
                ErrorPolicy.NULL_CELL, PiiPolicy.KEEP);
        assertThat(r.columns()).extracting(c -> c.name()).containsExactly("a", "n", "b");
        assertThat(content(r)).isEqualTo("a,n,b\n1,\"{\"\"x\"\":[1,2]}\",\n2,,true\n");
        assertThat(failure("{\"a\":1}\n[1]\n", SourceFormat.NDJSON, ErrorPolicy.NULL_CELL).line()).isEqualTo(2);
        assertThat(failure("{\"a\":1}\n\n{\"a\":2} {\"a\":3}\n", SourceFormat.NDJSON, ErrorPolicy.NULL_CELL).line())
                .isEqualTo(3);
        assertThat(failure("{\"a\":1}\n{\"a\":\n", SourceFormat.NDJSON, ErrorPolicy.NULL_CELL).line()).isEqualTo(2);
        assertThat(failure("\"text\"\n", SourceFormat.NDJSON, ErrorPolicy.NULL_CELL).getMessage())
                .contains("expected a JSON object, found a string");
    }

    @Test
    void personalDataIsTaggedAndMaskedOrHashedWithoutLeaking() throws Exception {
        String body = "email,n\nana@example.com,1\nbo@example.com,2\ncy@example.com,3\n";
        IngestResult kept = run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.KEEP);
        assertThat(kept.columns().get(0).tags()).containsExactly("pii", "email");
        assertThat(content(kept)).contains("ana@example.com");
        IngestResult masked = run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.MASK);
        assertThat(content(masked)).contains("a***@example.com").doesNotContain("ana@");
        IngestResult hashed = run(body, SourceFormat.CSV, ErrorPolicy.NULL_CELL, PiiPolicy.HASH);
        assertThat(content(hashed)).doesNotContain("example.com").containsPattern("[0-9a-f]{64}");
        assertThat(hashed.columns().get(0).tags()).containsExactly("pii", "email");
    }

    @Test
    void rowsReadBackThroughTheIndexAcrossIntervals() throws Exception {
        StringBuilder sb = new StringBuilder("i,d,flag,note\n");
        for (int i = 0; i < 95; i++) {
            sb.append(i).append(',').append(i).append(".5,").append(i % 2 == 0).append(",\"a, \"\"quoted\"\"\nnote ")
                    .append(i).append("\"\n");
        }
        IngestSettings s = new IngestSettings(work, 1 << 20, 0.9, 100, 1000, 1024, 1_000_000, 10);
        IngestResult r = run(sb.toString().getBytes(StandardCharsets.UTF_8), SourceFormat.CSV, ErrorPolicy.NULL_CELL,
                PiiPolicy.KEEP, s);
        assertThat(r.rowIndex()).hasSize(10);
        List<Map<String, Object>> page = CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 10, 37, 5);
        assertThat(page).hasSize(5);
        assertThat(page.get(0)).containsEntry("i", 37L).containsEntry("d", new BigDecimal("37.5"))
                .containsEntry("flag", false).containsEntry("note", "a, \"quoted\"\nnote 37");
        assertThat(CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 10, 90, 50)).hasSize(5);
        assertThat(CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 10, 95, 5)).isEmpty();
    }

    @Test
    void oneColumnTableWithNullsRoundTrips() throws Exception {
        IngestResult r = csv("v\n1\n\"\"\n2\n");
        assertThat(r.rows()).isEqualTo(3);
        List<Map<String, Object>> rows = CanonicalCsv.readRows(r.canonicalFile(), r.columns(), r.rowIndex(), 1000, 0, 10);
        assertThat(rows).extracting(m -> m.get("v")).containsExactly(1L, null, 2L);
    }

    @Test
    void rejectedSampleIsCappedButTheCountIsComplete() throws Exception {
        IngestSettings s = new IngestSettings(work, 1 << 20, 0.5, 3, 1000, 1024, 1_000_000, 1000);
        StringBuilder sb = new StringBuilder("n\n");
        for (int i = 0; i < 20; i++) {
            sb.append(i).append('\n').append("x").append(i).append('\n');
        }
        IngestResult r = run(sb.toString().getBytes(StandardCharsets.UTF_8), SourceFormat.CSV, ErrorPolicy.NULL_CELL,
                PiiPolicy.KEEP, s);
        assertThat(r.rejectedCount()).isEqualTo(20);
        assertThat(r.rejectedSample()).hasSize(3);
    }
}
