package ai.lepton.data.ingest;

import static ai.lepton.data.ingest.Ingest.bytes;
import static ai.lepton.data.ingest.Ingest.concat;
import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.SourceFormat;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8GuardTest {

    @TempDir
    Path dir;

    private static byte[] raw(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private IngestException csvFailure(byte[] input) {
        return Ingest.failure(IngestSettings.defaults(dir), input, SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
    }

    private static byte[] hex(String spaced) {
        String[] parts = spaced.split(" ");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    @ParameterizedTest(name = "{0} on line {1}")
    @CsvSource({
        "FF, 3",
        "80, 2",
        "BF, 4",
        "C0 80, 3",
        "C1 BF, 2",
        "E0 80 AF, 3",
        "F0 80 80 80, 2",
        "ED A0 80, 4",
        "ED BF BF, 3",
        "F4 90 80 80, 2",
        "F5 80 80 80, 3",
        "C3 28, 2",
        "E2 82 41, 3",
    })
    void rejectsInvalidUtf8NamingThePhysicalLine(String sequence, int line) {
        StringBuilder head = new StringBuilder("a,b\n");
        for (int l = 2; l < line; l++) {
            head.append(l).append(",x\n");
        }
        byte[] input = concat(bytes(head + "9,ok"), hex(sequence), bytes("z\n10,y\n"));
        IngestException e = csvFailure(input);
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.getMessage()).startsWith("line " + line + ": invalid UTF-8");
    }

    @Test
    void namesTheLineOfTheBadByteNotTheLineWhereItsQuotedFieldStarted() {
        byte[] input = concat(bytes("a\n\"first\nsecond "), raw(0xFF), bytes("\"\n"));
        IngestException e = csvFailure(input);
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void rejectsASequenceTruncatedAtTheEndOfInput() {
        IngestException e = csvFailure(concat(bytes("a\n1\nx"), raw(0xE2, 0x82)));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("ends inside a multi-byte character");
    }

    @Test
    void rejectsAFourByteSequenceTruncatedAtTheEndOfInputAfterANewline() {
        IngestException e = csvFailure(concat(bytes("a\n1\n"), raw(0xF0, 0x9F, 0x98)));
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void rejectsInvalidUtf8InNdjsonNamingTheLine() {
        byte[] input = concat(bytes("{\"a\":1}\n{\"a\":\""), raw(0xFF), bytes("\"}\n"));
        IngestException e = Ingest.failure(IngestSettings.defaults(dir), input, SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void acceptsTwoThreeAndFourByteCharacters() throws Exception {
        IngestResult r = Ingest.csv(dir, "名前,emoji,accent\n日本,😀,café\n");
        assertThat(r.columns().get(0).name()).isEqualTo("名前");
        assertThat(Ingest.content(r)).isEqualTo("名前,emoji,accent\n日本,😀,café\n");
    }

    @Test
    void acceptsMultiByteCharactersSplitAcrossReads() throws Exception {
        byte[] input = bytes("k,v\n日本,😀\né,ü\n");
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), Ingest.trickle(input, 1), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(Ingest.content(r)).isEqualTo("k,v\n日本,😀\né,ü\n");
        assertThat(r.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void stripsALeadingByteOrderMarkFromTheHeader() throws Exception {
        byte[] input = concat(raw(0xEF, 0xBB, 0xBF), bytes("id,name\n1,x\n"));
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), input, SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.columns().get(0).name()).isEqualTo("id");
        assertThat(Ingest.content(r)).isEqualTo("id,name\n1,x\n");
    }

    @Test
    void stripsAByteOrderMarkDeliveredInSmallReads() throws Exception {
        byte[] input = concat(raw(0xEF, 0xBB, 0xBF), bytes("id,name\n1,x\n"));
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), Ingest.trickle(input, 1), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.columns().get(0).name()).isEqualTo("id");
    }

    @Test
    void stripsAByteOrderMarkArrivingAloneInTheFirstRead() throws Exception {
        byte[] input = concat(raw(0xEF, 0xBB, 0xBF), bytes("id\n7\n"));
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), Ingest.trickle(input, 3), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(Ingest.content(r)).isEqualTo("id\n7\n");
    }

    @Test
    void keepsACharacterThatStartsLikeAByteOrderMark() throws Exception {
        // U+FB01 is EF AC 81: its first byte matches the BOM, its second does not
        byte[] input = bytes("\uFB01le,n\n1,2\n");
        for (int chunk : new int[] {1, 2, 3, 1024}) {
            IngestResult r = Ingest.run(IngestSettings.defaults(dir), Ingest.trickle(input, chunk), SourceFormat.CSV,
                    Ingest.options(ErrorPolicy.NULL_CELL));
            assertThat(r.columns().get(0).name()).as("chunk %d", chunk).isEqualTo("\uFB01le");
            assertThat(r.bytesRead()).isEqualTo(input.length);
        }
    }

    @Test
    void keepsAShortUploadThatIsNoByteOrderMark() throws Exception {
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), Ingest.trickle(bytes("a"), 1), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.columns().get(0).name()).isEqualTo("a");
    }

    @Test
    void rejectsAnUploadOfATruncatedByteOrderMark() {
        IngestException e = csvFailure(raw(0xEF, 0xBB));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void countsTheByteOrderMarkInTheBytesRead() throws Exception {
        byte[] input = concat(raw(0xEF, 0xBB, 0xBF), bytes("id\n1\n"));
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), input, SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void stripsAByteOrderMarkFromNdjson() throws Exception {
        byte[] input = concat(raw(0xEF, 0xBB, 0xBF), bytes("{\"id\":1}\n"));
        IngestResult r = Ingest.run(IngestSettings.defaults(dir), input, SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.columns().get(0).name()).isEqualTo("id");
    }

    @Test
    void treatsAnUploadOfOnlyAByteOrderMarkAsEmpty() {
        IngestException e = csvFailure(raw(0xEF, 0xBB, 0xBF));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.EMPTY);
    }

    @Test
    void keepsAByteOrderMarkThatIsNotAtTheStart() throws Exception {
        IngestResult r = Ingest.csv(dir, "id,v\n1,\uFEFFx\n");
        assertThat(Ingest.content(r)).isEqualTo("id,v\n1,\uFEFFx\n");
    }

    @Test
    void refusesAnUploadOverTheSizeLimitAsTooLarge() {
        IngestSettings s = new IngestSettings(dir, 10, 0.9, 100, 1000, 1024, 1_048_576, 1000);
        IngestException e = Ingest.failure(s, bytes("a,b\n1,2\n3,45\n"), SourceFormat.CSV,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.TOO_LARGE);
        assertThat(e.getMessage()).contains("10 bytes");
    }

    @Test
    void refusesAnOversizedStreamDeliveredInSmallReads() {
        IngestSettings s = new IngestSettings(dir, 1000, 0.9, 100, 1000, 1024, 1_048_576, 1000);
        byte[] input = bytes("a\n" + "1\n".repeat(600));
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Ingest.run(s, Ingest.trickle(input, 7),
                SourceFormat.CSV, Ingest.options(ErrorPolicy.NULL_CELL)));
        assertThat(t).isInstanceOf(IngestException.class);
        assertThat(((IngestException) t).kind()).isEqualTo(IngestException.Kind.TOO_LARGE);
    }

    @Test
    void acceptsAnUploadOfExactlyTheSizeLimitAndReportsItsSize() throws Exception {
        byte[] input = bytes("a,b\n1,2\n");
        IngestSettings s = new IngestSettings(dir, input.length, 0.9, 100, 1000, 1024, 1_048_576, 1000);
        IngestResult r = Ingest.run(s, input, SourceFormat.CSV, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(r.rows()).isEqualTo(1);
        assertThat(r.bytesRead()).isEqualTo(input.length);
    }

    @Test
    void passesValidBytesThroughUnchangedWhenReadDirectly() throws Exception {
        byte[] input = bytes("héllo\n😀\n");
        try (Utf8Guard g = new Utf8Guard(new ByteArrayInputStream(input), 100)) {
            assertThat(g.readAllBytes()).isEqualTo(input);
            assertThat(g.bytesRead()).isEqualTo(input.length);
        }
    }

    @Test
    void signalsFailuresThroughTheSingleByteReadToo() throws Exception {
        try (Utf8Guard g = new Utf8Guard(new ByteArrayInputStream(concat(bytes("ab\n"), raw(0xC0, 0x80))), 100)) {
            assertThat(g.read()).isEqualTo('a');
            assertThat(g.read()).isEqualTo('b');
            assertThat(g.read()).isEqualTo('\n');
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(g::read);
            assertThat(t).isInstanceOf(Utf8Guard.Failure.class);
            assertThat(((Utf8Guard.Failure) t).cause.line()).isEqualTo(2);
        }
    }
}
