package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.SourceFormat;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NdjsonReaderTest {

    @TempDir
    Path dir;

    record Row(long line, List<String> values) {
    }

    private static NdjsonReader reader(String text) {
        return new NdjsonReader(new StringReader(text), 1024, 1_000_000);
    }

    private static List<Row> rows(NdjsonReader nd) throws Exception {
        List<Row> out = new ArrayList<>();
        while (nd.next()) {
            out.add(new Row(nd.recordLine(), List.copyOf(
                    Arrays.asList(nd.values()).subList(0, nd.columns().size()).stream()
                            .map(v -> v == null ? "<null>" : v).toList())));
        }
        return out;
    }

    private static IngestException error(String text) {
        Throwable t = catchThrowable(() -> rows(reader(text)));
        assertThat(t).isInstanceOf(IngestException.class);
        IngestException e = (IngestException) t;
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        return e;
    }

    @Test
    void buildsTheUnionOfKeysInFirstSeenOrder() throws Exception {
        NdjsonReader nd = reader("{\"b\":1,\"a\":2}\n{\"c\":3,\"a\":4}\n{\"d\":5}\n");
        List<Row> rows = rows(nd);
        assertThat(nd.columns()).containsExactly("b", "a", "c", "d");
        assertThat(rows).extracting(Row::values).containsExactly(
                List.of("1", "2"),
                List.of("<null>", "4", "3"),
                List.of("<null>", "<null>", "<null>", "5"));
    }

    @Test
    void clearsValuesOfTheRowBefore() throws Exception {
        List<Row> rows = rows(reader("{\"a\":\"x\",\"b\":\"y\"}\n{\"b\":\"z\"}\n"));
        assertThat(rows.get(1).values()).containsExactly("<null>", "z");
    }

    @Test
    void keepsNestedObjectsAndArraysAsCompactJson() throws Exception {
        List<Row> rows = rows(reader("{\"o\": { \"k\" : [1, 2, {\"c\": null}] }, \"arr\": [ \"x\" , true ], "
                + "\"e\": {}, \"ea\": []}\n"));
        assertThat(rows.get(0).values()).containsExactly("{\"k\":[1,2,{\"c\":null}]}", "[\"x\",true]", "{}", "[]");
    }

    @Test
    void keepsNumbersAsTheirLiteralText() throws Exception {
        List<Row> rows = rows(reader("{\"i\":7e0,\"d\":1.50,\"e\":1E3,\"big\":123456789012345678901234567890,"
                + "\"neg\":-0.0}\n"));
        assertThat(rows.get(0).values()).containsExactly("7e0", "1.50", "1E3", "123456789012345678901234567890",
                "-0.0");
    }

    @Test
    void mapsLiteralsAndStrings() throws Exception {
        List<Row> rows = rows(reader("{\"t\":true,\"f\":false,\"n\":null,\"s\":\"a\\\"b\\nc\",\"u\":\"\\u00e9\"}\n"));
        assertThat(rows.get(0).values()).containsExactly("true", "false", "<null>", "a\"b\nc", "é");
    }

    @Test
    void skipsBlankLinesAndNamesPhysicalLines() throws Exception {
        List<Row> rows = rows(reader("\n{\"a\":1}\n   \n\t\n{\"a\":2}\n\n"));
        assertThat(rows).extracting(Row::line).containsExactly(2L, 5L);
    }

    @Test
    void acceptsCrlfLineEndsAndAFinalLineWithoutNewline() throws Exception {
        List<Row> rows = rows(reader("{\"a\":\"x\"}\r\n\r\n{\"a\":\"y\"}\r\n{\"a\":\"z\"}"));
        assertThat(rows).extracting(Row::values).containsExactly(List.of("x"), List.of("y"), List.of("z"));
        assertThat(rows).extracting(Row::line).containsExactly(1L, 3L, 4L);
    }

    @Test
    void readsLinesLongerThanTheBuffer() throws Exception {
        String big = "q".repeat(150_000);
        List<Row> rows = rows(reader("{\"a\":\"" + big + "\"}\r\n{\"a\":\"b\"}\n"));
        assertThat(rows).extracting(Row::values).containsExactly(List.of(big), List.of("b"));
        assertThat(rows).extracting(Row::line).containsExactly(1L, 2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null", "true"})
    void rejectsALineThatIsNotAnObjectNamingTheLine(String value) {
        IngestException e = error("{\"a\":1}\n\n" + value + "\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("line 3: expected a JSON object");
    }

    @Test
    void rejectsTwoValuesOnOneLine() {
        IngestException e = error("{\"a\":1}\n{\"a\":2} {\"a\":3}\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("more than one JSON value");
    }

    @Test
    void rejectsAnObjectFollowedByAScalar() {
        IngestException e = error("{\"a\":1} 5\n");
        assertThat(e.line()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1", "{\"a\":}", "{a:1}", "{\"a\":1,}", "{\"a\" 1}", "{'a':1}", "{\"a\":tru}"})
    void rejectsInvalidJsonNamingTheLine(String bad) {
        IngestException e = error("{\"a\":0}\n{\"a\":1}\n" + bad + "\n{\"a\":2}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).startsWith("line 3: ");
    }

    @Test
    void rejectsAnObjectSpanningTwoLines() {
        IngestException e = error("{\"a\":\n1}\n");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void rejectsMoreDistinctKeysThanTheColumnLimit() {
        NdjsonReader nd = new NdjsonReader(new StringReader("{\"a\":1,\"b\":2}\n{\"c\":3}\n"), 2, 100);
        Throwable t = catchThrowable(() -> rows(nd));
        assertThat(t).isInstanceOf(IngestException.class);
        assertThat(((IngestException) t).line()).isEqualTo(2);
        assertThat(t).hasMessageContaining("more than 2 distinct keys");
    }

    @Test
    void rejectsAValueLongerThanTheCellLimit() {
        NdjsonReader nd = new NdjsonReader(new StringReader("{\"a\":\"12345\"}\n{\"a\":\"123456\"}\n"), 10, 5);
        Throwable t = catchThrowable(() -> rows(nd));
        assertThat(t).isInstanceOf(IngestException.class);
        assertThat(((IngestException) t).line()).isEqualTo(2);
        assertThat(t).hasMessageContaining("'a'");
    }

    @Test
    void reportsADocumentNestedBeyondTheParserLimitAsMalformed() {
        String deep = "[".repeat(1500) + "]".repeat(1500);
        IngestException e = Ingest.failure(IngestSettings.defaults(dir),
                Ingest.bytes("{\"a\":1}\n{\"a\":" + deep + "}\n"), SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).startsWith("line 2: invalid JSON").contains("nesting depth");
    }

    @Test
    void reportsANumberBeyondTheParserLimitAsMalformed() {
        IngestException e = Ingest.failure(IngestSettings.defaults(dir),
                Ingest.bytes("{\"a\":" + "9".repeat(5000) + "}\n"), SourceFormat.NDJSON,
                Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.MALFORMED);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("line 1: invalid JSON").contains("Number value length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":\"x\\ud800y\"}", "{\"a\":\"\\udc00\"}", "{\"a\":\"\\ude00\\ud83d\"}",
        "{\"\\ud800\":1}", "{\"a\":[\"\\ud800\"]}", "{\"a\":\"end\\ud83d\"}"})
    void rejectsUnpairedSurrogateEscapesNamingTheLine(String json) {
        IngestException e = error("{\"a\":\"ok\"}\n" + json + "\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("unpaired surrogate");
    }

    @Test
    void storesASurrogatePairEscapeAsValidUtf8() throws Exception {
        IngestResult r = Ingest.ndjson(dir, "{\"a\":\"\\ud83d\\ude00\"}\n");
        byte[] file = java.nio.file.Files.readAllBytes(r.canonicalFile());
        assertThat(file).isEqualTo(Ingest.bytes("a\n\uD83D\uDE00\n"));
        assertThat(java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(file))
                .toString()).isEqualTo("a\n😀\n");
    }

    @Test
    void keepsTheExactValueOfNestedNumbers() throws Exception {
        List<Row> rows = rows(reader("{\"o\":{\"d\":1.50,\"p\":0.1000000000000000055511151231257827,\"h\":1e400,"
                + "\"i\":123456789012345678901234567890,\"n\":-0.0}}\n"));
        String json = rows.get(0).values().get(0);
        assertThat(json).startsWith("{\"d\":1.50,\"p\":0.1000000000000000055511151231257827,");
        com.fasterxml.jackson.databind.JsonNode tree = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        assertThat(tree.get("h").isNumber()).as(json).isTrue();
        assertThat(tree.get("h").decimalValue()).isEqualByComparingTo("1e400");
        assertThat(tree.get("i").bigIntegerValue()).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
        assertThat(tree.get("n").decimalValue()).isEqualByComparingTo("0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"\":1}", "{\"a\":1,\" \":2}"})
    void rejectsAnEmptyKeyNamingTheLine(String json) {
        IngestException e = error("{\"a\":0}\n" + json + "\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("key is empty");
    }

    @Test
    void givesEmptyForAnInputWithoutObjects() {
        IngestException e = Ingest.failure(IngestSettings.defaults(dir), Ingest.bytes("\n \n\r\n"),
                SourceFormat.NDJSON, Ingest.options(ErrorPolicy.NULL_CELL));
        assertThat(e.kind()).isEqualTo(IngestException.Kind.EMPTY);
    }
}
