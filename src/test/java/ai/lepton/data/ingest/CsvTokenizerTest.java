package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTokenizerTest {

    record Rec(long line, List<String> fields) {
    }

    static List<Rec> parse(String csv) throws Exception {
        CsvTokenizer t = new CsvTokenizer(new StringReader(csv), 1000, 50);
        List<Rec> out = new ArrayList<>();
        while (t.next()) {
            out.add(new Rec(t.recordLine(), List.copyOf(Arrays.asList(t.fields()).subList(0, t.count()))));
        }
        return out;
    }

    @Test
    void splitsQuotedFieldsWithCommasEscapedQuotesAndNewlines() throws Exception {
        List<Rec> r = parse("a,b,c\n\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,1,2");
        assertThat(r).hasSize(3);
        assertThat(r.get(1).fields()).containsExactly("x,y", "say \"hi\"", "two\nlines");
        assertThat(r.get(2).line()).isEqualTo(4);
        assertThat(r.get(2).fields()).containsExactly("last", "1", "2");
    }

    @Test
    void handlesCrlfLfAndBareCrLineEndsAndSkipsBlankLines() throws Exception {
        List<Rec> r = parse("a,b\r\n1,2\r\n\r\n3,4\n\n5,6\r7,8\n");
        assertThat(r).extracting(Rec::fields).containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"),
                List.of("5", "6"), List.of("7", "8"));
        assertThat(r).extracting(Rec::line).containsExactly(1L, 2L, 4L, 6L, 7L);
    }

    @Test
    void keepsEmptyFieldsAndAQuotedEmptyLine() throws Exception {
        assertThat(parse("a,b,c\n,,\n\"\"\n").get(1).fields()).containsExactly("", "", "");
        assertThat(parse("a\n\"\"\n")).hasSize(2);
    }

    @Test
    void readsAnUnquotedFieldThatSpansTheBufferEdge() throws Exception {
        String longValue = "v".repeat(70_000);
        CsvTokenizer t = new CsvTokenizer(new StringReader("a,b\n1," + longValue + "\n"), 100_000, 10);
        t.next();
        t.next();
        assertThat(t.fields()[1]).hasSize(70_000);
    }

    @Test
    void rejectsUnbalancedQuoteNamingTheLineWhereTheFieldStarted() {
        assertThatThrownBy(() -> parse("a,b\n1,2\n3,\"open\n4,5\n6,7\n"))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("line 3")
                .satisfies(e -> assertThat(((IngestException) e).line()).isEqualTo(3));
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThatThrownBy(() -> parse("a,b\n\"x\"y,2\n")).isInstanceOf(IngestException.class)
                .satisfies(e -> assertThat(((IngestException) e).line()).isEqualTo(2))
                .hasMessageContaining("after the closing quote");
    }

    @Test
    void boundsFieldLengthAndColumnCount() {
        assertThatThrownBy(() -> parse("a\n\"" + "x".repeat(2000) + "\"\n")).isInstanceOf(IngestException.class)
                .hasMessageContaining("longer than 1000 characters");
        assertThatThrownBy(() -> parse("a\n" + "1,".repeat(60) + "1\n")).isInstanceOf(IngestException.class)
                .hasMessageContaining("more than 50 fields");
    }
}
