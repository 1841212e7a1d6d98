package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerEdgeCasesTest {

    /** One parsed record: its fields and the physical line it starts on. */
    record Rec(long line, List<String> fields) {
    }

    private static List<Rec> parse(String text) throws Exception {
        return parse(new StringReader(text), 1_000_000, 1024);
    }

    private static List<Rec> parse(Reader reader, int maxCell, int maxColumns) throws Exception {
        CsvTokenizer csv = new CsvTokenizer(reader, maxCell, maxColumns);
        List<Rec> out = new ArrayList<>();
        while (csv.next()) {
            out.add(new Rec(csv.recordLine(), List.copyOf(Arrays.asList(csv.fields()).subList(0, csv.count()))));
        }
        return out;
    }

    private static List<List<String>> fields(List<Rec> recs) {
        return recs.stream().map(Rec::fields).toList();
    }

    private static IngestException error(String text, int maxCell, int maxColumns) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> parse(new StringReader(text), maxCell, maxColumns));
        assertThat(t).isInstanceOf(IngestException.class);
        IngestException e = (IngestException) t;
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        return e;
    }

    /** A reader that hands out at most {@code chunk} characters per read, like a slow network stream. */
    private static Reader trickle(String text, int chunk) {
        return new Reader() {
            private int pos;

            @Override
            public int read(char[] cbuf, int off, int len) {
                if (pos >= text.length()) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), text.length() - pos);
                text.getChars(pos, pos + n, cbuf, off);
                pos += n;
                return n;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void splitsPlainFieldsOnCommasAndKeepsEmptyFields() throws Exception {
        assertThat(fields(parse("a,b,c\n1,,3\n,,\n"))).containsExactly(
                List.of("a", "b", "c"), List.of("1", "", "3"), List.of("", "", ""));
    }

    @Test
    void keepsCommasInsideQuotedFields() throws Exception {
        assertThat(fields(parse("name,city\n\"Doe, John\",\"Paris, FR\"\n"))).containsExactly(
                List.of("name", "city"), List.of("Doe, John", "Paris, FR"));
    }

    @Test
    void turnsDoubledQuotesIntoOneQuote() throws Exception {
        assertThat(fields(parse("q\n\"say \"\"hi\"\"\"\n\"\"\"\"\n"))).containsExactly(
                List.of("q"), List.of("say \"hi\""), List.of("\""));
    }

    @Test
    void keepsNewlinesInsideQuotedFieldsAndCountsTheirPhysicalLines() throws Exception {
        List<Rec> recs = parse("id,note\n1,\"first\nsecond\nthird\"\n2,plain\n3,\"x\r\ny\"\n4,end\n");
        assertThat(fields(recs)).containsExactly(List.of("id", "note"), List.of("1", "first\nsecond\nthird"),
                List.of("2", "plain"), List.of("3", "x\r\ny"), List.of("4", "end"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 5L, 6L, 8L);
    }

    @Test
    void acceptsLfCrlfAndBareCrLineEnds() throws Exception {
        assertThat(fields(parse("a,b\r\n1,2\r\n3,4\r\n"))).containsExactly(List.of("a", "b"), List.of("1", "2"),
                List.of("3", "4"));
        assertThat(fields(parse("a,b\n1,2\n"))).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(fields(parse("a,b\r1,2\r"))).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void readsAFinalLineWithoutNewline() throws Exception {
        assertThat(fields(parse("a,b\n1,2"))).containsExactly(List.of("a", "b"), List.of("1", "2"));
        assertThat(fields(parse("a,b\n1,\"x\""))).containsExactly(List.of("a", "b"), List.of("1", "x"));
        assertThat(fields(parse("a,b\n1,"))).containsExactly(List.of("a", "b"), List.of("1", ""));
    }

    @Test
    void skipsBlankAndWhitespaceOnlyLinesButCountsThem() throws Exception {
        List<Rec> recs = parse("\na,b\n\n   \n1,2\r\n\r\n3,4\n\n");
        assertThat(fields(recs)).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
        assertThat(recs).extracting(Rec::line).containsExactly(2L, 5L, 7L);
    }

    @Test
    void keepsALineHoldingOnlyAnEmptyQuotedField() throws Exception {
        assertThat(fields(parse("a\n\"\"\n"))).containsExactly(List.of("a"), List.of(""));
    }

    @Test
    void returnsNothingForEmptyOrBlankInput() throws Exception {
        assertThat(parse("")).isEmpty();
        assertThat(parse("\n\r\n  \n")).isEmpty();
    }

    @Test
    void readsAnUnquotedFieldSpanningTheBufferEdge() throws Exception {
        // the buffer holds 65536 chars: put a field across that edge
        String prefix = "h\n" + "x".repeat(65_530 - 2) + ",";
        String longField = "A".repeat(20) + "B".repeat(20);
        String text = prefix + longField + ",tail\n";
        List<Rec> recs = parse(new StringReader(text), 1_000_000, 16);
        assertThat(recs).hasSize(2);
        assertThat(recs.get(1).fields()).containsExactly("x".repeat(65_528), longField, "tail");
    }

    @Test
    void readsAFieldLongerThanTheBuffer() throws Exception {
        String big = "z".repeat(200_000);
        List<Rec> recs = parse("a,b\n" + big + ",1\n1," + big);
        assertThat(recs.get(1).fields()).containsExactly(big, "1");
        assertThat(recs.get(2).fields()).containsExactly("1", big);
    }

    @Test
    void readsQuotesAndLineEndsSplitAcrossReads() throws Exception {
        String text = "a,b\r\n\"x\"\"y\",\"p\r\nq\"\r\n3,4";
        List<Rec> recs = parse(trickle(text, 1), 1000, 16);
        assertThat(fields(recs)).containsExactly(List.of("a", "b"), List.of("x\"y", "p\r\nq"), List.of("3", "4"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 4L);
    }

    @Test
    void readsADoubledQuoteSplitAtTheBufferEdge() throws Exception {
        // first quote of the "" escape is the last char of the first 65536-char buffer
        String head = "h\n\"";
        int fill = 65_536 - head.length() - 1;
        String text = head + "q".repeat(fill) + "\"\"" + "end\"\n2\n";
        List<Rec> recs = parse(new StringReader(text), 1_000_000, 16);
        assertThat(fields(recs)).containsExactly(List.of("h"), List.of("q".repeat(fill) + "\"end"), List.of("2"));
    }

    @Test
    void countsCrlfSplitAtTheBufferEdgeAsOneLine() throws Exception {
        String head = "h\n" + "v".repeat(65_536 - 3); // CR is char 65535, LF char 65536
        String text = head + "\r\nnext\nlast\n";
        List<Rec> recs = parse(new StringReader(text), 1_000_000, 16);
        assertThat(fields(recs)).containsExactly(List.of("h"), List.of("v".repeat(65_533)), List.of("next"),
                List.of("last"));
        assertThat(recs).extracting(Rec::line).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void acceptsAFieldOfExactlyTheLengthLimit() throws Exception {
        assertThat(parse(new StringReader("a\n" + "x".repeat(10) + "\n\"" + "y".repeat(10) + "\""), 10, 4))
                .extracting(r -> r.fields().get(0)).containsExactly("a", "x".repeat(10), "y".repeat(10));
    }

    @Test
    void rejectsAnUnquotedFieldOverTheLengthLimitNamingItsLine() {
        IngestException e = error("a,b\n1,2\n3," + "x".repeat(11) + "\n", 10, 16);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("field 2").contains("longer than 10");
    }

    @Test
    void rejectsAQuotedFieldOverTheLengthLimitNamingTheLineWhereItsRecordStarts() {
        IngestException e = error("a\n1\n\"abc\ndef\nghijkl\"\n", 10, 16);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("longer than 10");
    }

    @Test
    void rejectsAnUnquotedFieldOverTheLengthLimitAcrossTheBufferEdge() {
        String text = "a\n" + "x".repeat(100_000) + "\n";
        IngestException e = error(text, 70_000, 16);
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void rejectsMoreFieldsThanTheColumnLimitNamingTheLine() {
        String ok = String.join(",", java.util.Collections.nCopies(32, "c"));
        String tooMany = String.join(",", java.util.Collections.nCopies(33, "c"));
        IngestException e = error(ok + "\n" + ok + "\n" + tooMany + "\n", 1000, 32);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("more than 32 fields");
    }

    @Test
    void enforcesAColumnLimitBelowSixteen() throws Exception {
        assertThat(parse(new StringReader("a,b,c\n1,2,3\n"), 100, 3)).hasSize(2);
        IngestException e = error("a,b,c\n1,2,3,4\n", 100, 3);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("more than 3 fields");
    }

    @Test
    void rejectsACharacterAfterTheClosingQuoteNamingTheLine() {
        IngestException e = error("a,b\n1,2\n\"ab\"c,3\n", 100, 16);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("unexpected character 'c'")
                .contains("field 1");
    }

    @Test
    void rejectsACharacterAfterAClosingQuoteOnALaterLineOfAMultiLineField() {
        IngestException e = error("a,b\n1,\"x\ny\"z\n", 100, 16);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("field 2");
    }

    @Test
    void rejectsAnUnbalancedQuoteNamingTheLineWhereTheFieldStarted() {
        IngestException e = error("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n", 1000, 16);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("line 3").contains("unbalanced quote")
                .contains("starts on line 3");
    }

    @Test
    void rejectsAnUnbalancedQuoteStartingOnALaterLineThanItsRecord() {
        IngestException e = error("a,b\n\"multi\nline\",\"open\n", 1000, 16);
        assertThat(e.line()).isEqualTo(3);
    }

    @Test
    void treatsAQuoteInsideAnUnquotedFieldAsText() throws Exception {
        assertThat(fields(parse("a\n5\"10\n"))).containsExactly(List.of("a"), List.of("5\"10"));
    }

    @Test
    void readsManyColumnsUpToTheLimit() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1024; i++) {
            names.add("c" + i);
        }
        List<Rec> recs = parse(new StringReader(String.join(",", names) + "\n"), 100, 1024);
        assertThat(recs.get(0).fields()).isEqualTo(names);
    }

    @Test
    void surfacesReaderFailures() {
        Reader failing = new Reader() {
            @Override
            public int read(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("boom");
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> parse(failing, 10, 10)).isInstanceOf(IOException.class).hasMessage("boom");
    }
}
