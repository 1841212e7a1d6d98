package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical JSON every peer must write identically. */
class JsonTest {

    @Test
    void sortsMembersByUtf16CodeUnitsAndDropsWhitespace() {
        Object parsed = Json.parse(" { \"b\" : 1 , \"a\" : { \"ä\" : 2 , \"Z\" : 3 , \"z\" : 4 } ,"
                + " \"\\ud83d\\ude00\" : 5, \"\\uffff\" : 6 } ");
        // U+FFFF sorts after the surrogate pair of U+1F600 in UTF-16 order (as RFC 8785 prescribes)
        assertThat(Json.write(parsed)).isEqualTo("{\"a\":{\"Z\":3,\"z\":4,\"ä\":2},\"b\":1,\"😀\":5,\"\uffff\":6}");
    }

    @Test
    void escapesOnlyWhatMustBeEscaped() {
        assertThat(Json.write("q\"b\\s/\b\f\n\r\t\u0001\u001fé€"))
                .isEqualTo("\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001fé€\"");
        assertThat(Json.parse("\"\\/\\u00e9\"")).isEqualTo("/é");
    }

    @Test
    void keepsIntegersExactAndOtherNumbersAsWritten() {
        assertThat(Json.parse("123456789012345678901234567890")).isEqualTo(new BigInteger(
                "123456789012345678901234567890"));
        assertThat(Json.write(Json.parse("[-0, 1.50, 2e10, -3.25E-2]"))).isEqualTo("[0,1.50,2e10,-3.25E-2]");
    }

    @Test
    void builderLeavesOutNullsAndKeepsExplicitJsonNull() {
        assertThat(Json.obj().put("b", null).put("a", Json.NULL).put("c", List.of(1L, true)).write())
                .isEqualTo("{\"a\":null,\"c\":[1,true]}");
        assertThat(Json.write(Map.of("k", new Json.Raw("{\"x\":1}")))).isEqualTo("{\"k\":{\"x\":1}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "01", "1.", ".5", "1e",
        "-", "+1", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "\"\\udc00\"", "\"\\ud800x\"", "tru", "nul", "[1] [2]",
        "{\"a\":1,\"a\":1}", "NaN", "Infinity"})
    void rejectsWhatIsNotStrictJson(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(Json.ParseException.class);
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String ok = "[".repeat(Json.MAX_DEPTH + 1) + "]".repeat(Json.MAX_DEPTH + 1);
        assertThat(Json.write(Json.parse(ok))).isEqualTo(ok);
        String deep = "[".repeat(Json.MAX_DEPTH + 2) + "]".repeat(Json.MAX_DEPTH + 2);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(Json.ParseException.class);
    }
}
