package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.data.api.ColumnType;
import ai.lepton.data.classify.PiiKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TypeInferenceEdgeCasesTest {

    private final TypeInference inference = new TypeInference(0.9, 1000);

    private static ColumnStats stats(String name, List<String> values) {
        ColumnStats s = new ColumnStats(name, 1000);
        values.forEach(s::add);
        return s;
    }

    private static ColumnStats stats(List<String> values) {
        return stats("col", values);
    }

    private static List<String> repeat(int n, String v) {
        return Collections.nCopies(n, v);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<String> ints(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Integer.toString(i * 7 - 3));
        }
        return out;
    }

    @Test
    void infersIntegers() {
        assertThat(inference.decide(stats(List.of("1", "-2", "+3", "007", "9223372036854775807"))))
                .isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void infersDecimalsWhenAnyNumberIsNotAnInteger() {
        assertThat(inference.decide(stats(concat(ints(95), List.of("1.5"))))).isEqualTo(ColumnType.DECIMAL);
        assertThat(inference.decide(stats(List.of("1e3", "2", "3")))).isEqualTo(ColumnType.DECIMAL);
        assertThat(inference.decide(stats(List.of(".5", "-.25", "5.")))).isEqualTo(ColumnType.DECIMAL);
    }

    @Test
    void infersDecimalsForIntegersBeyondALong() {
        assertThat(inference.decide(stats(List.of("1", "99999999999999999999")))).isEqualTo(ColumnType.DECIMAL);
    }

    @Test
    void keepsIntegerWhenTheNonNumericValuesAreTheMinority() {
        assertThat(inference.decide(stats(concat(ints(9), List.of("x"))))).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void infersBooleansFromAllSpellings() {
        assertThat(inference.decide(stats(List.of("yes", "no", "true", "FALSE", "t", "f", "Y", "n"))))
                .isEqualTo(ColumnType.BOOLEAN);
    }

    @Test
    void infersZeroAndOneAsIntegersNotBooleans() {
        assertThat(inference.decide(stats(List.of("0", "1", "1", "0")))).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void infersIsoTimestamps() {
        assertThat(inference.decide(stats(List.of("2024-01-02", "2024-01-02T03:04:05Z", "2024-01-02 03:04+01:00"))))
                .isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void acceptsATypeAtExactlyTheThreshold() {
        assertThat(inference.decide(stats(concat(ints(9), List.of("x"))))).isEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats(concat(ints(90), repeat(10, "x"))))).isEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats(concat(repeat(9, "yes"), List.of("maybe")))))
                .isEqualTo(ColumnType.BOOLEAN);
        assertThat(inference.decide(stats(concat(repeat(18, "2024-01-02"), List.of("soon", "later")))))
                .isEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void acceptsExactlyTheThresholdForEveryColumnSize() {
        for (int n = 10; n <= 1000; n += 10) {
            int good = n * 9 / 10;
            List<String> values = concat(ints(good), repeat(n - good, "x"));
            assertThat(inference.decide(stats(values))).as("%d of %d", good, n).isEqualTo(ColumnType.INTEGER);
        }
    }

    @Test
    void refusesATypeJustBelowTheThreshold() {
        assertThat(inference.decide(stats(concat(ints(8), List.of("x", "y"))))).isNotEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats(concat(ints(89), repeat(11, "x"))))).isNotEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats(concat(repeat(8, "yes"), List.of("maybe", "perhaps")))))
                .isNotEqualTo(ColumnType.BOOLEAN);
        assertThat(inference.decide(stats(concat(repeat(17, "2024-01-02"), List.of("soon", "later", "never")))))
                .isNotEqualTo(ColumnType.TIMESTAMP);
    }

    @Test
    void honoursAConfiguredThreshold() {
        TypeInference strict = new TypeInference(1.0, 1000);
        assertThat(strict.decide(stats(concat(ints(99), List.of("x"))))).isNotEqualTo(ColumnType.INTEGER);
        assertThat(strict.decide(stats(ints(100)))).isEqualTo(ColumnType.INTEGER);
        TypeInference loose = new TypeInference(0.5, 1000);
        assertThat(loose.decide(stats(concat(ints(5), repeat(5, "x"))))).isEqualTo(ColumnType.INTEGER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"created_at", "ts", "TS", "event_ts", "time", "createdTime", "timestamp", "birthdate",
        "epoch", "Updated_At"})
    void treatsEpochSecondsAndMillisAsTimestampsInTimeNamedColumns(String name) {
        assertThat(TypeInference.timeNamed(name)).isTrue();
        assertThat(inference.decide(stats(name, List.of("1700000000", "1700000100", "9999999999"))))
                .isEqualTo(ColumnType.TIMESTAMP);
        assertThat(inference.decide(stats(name, List.of("1700000000000", "1000000000000"))))
                .isEqualTo(ColumnType.TIMESTAMP);
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount", "id", "tsx", "status", "at", "format", "count", "times"})
    void keepsEpochLikeNumbersAsIntegersInOtherColumns(String name) {
        assertThat(TypeInference.timeNamed(name)).isFalse();
        assertThat(inference.decide(stats(name, List.of("1700000000", "1700000100")))).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void keepsIntegersInATimeNamedColumnWhenNotEveryValueIsAnEpoch() {
        assertThat(inference.decide(stats("created_at", List.of("1700000000", "42")))).isEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats("created_at", List.of("999999999", "1700000000"))))
                .isEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats("created_at", List.of("10000000000")))).isEqualTo(ColumnType.INTEGER);
        assertThat(inference.decide(stats("created_at", List.of("-1700000000")))).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void infersCategoricalForFewDistinctShortValues() {
        // 10 values, 5 distinct: at most half the values are distinct
        List<String> v = List.of("a", "b", "c", "d", "e", "a", "b", "c", "d", "e");
        assertThat(inference.decide(stats(v))).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(inference.decide(stats(List.of("only")))).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void infersTextWhenMoreThanHalfTheValuesAreDistinct() {
        List<String> v = List.of("a", "b", "c", "d", "e", "f", "a", "b", "c", "d");
        assertThat(inference.decide(stats(v))).isEqualTo(ColumnType.TEXT);
        assertThat(inference.decide(stats(List.of("x", "y")))).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void infersTextWhenThereAreMoreDistinctValuesThanCategoriesAllowed() {
        TypeInference few = new TypeInference(0.9, 3);
        ColumnStats s = new ColumnStats("c", 3);
        for (int i = 0; i < 100; i++) {
            s.add("v" + (i % 4));
        }
        assertThat(few.decide(s)).isEqualTo(ColumnType.TEXT);
        ColumnStats three = new ColumnStats("c", 3);
        for (int i = 0; i < 100; i++) {
            three.add("v" + (i % 3));
        }
        assertThat(few.decide(three)).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void infersTextForLongValuesEvenIfFewAreDistinct() {
        assertThat(inference.decide(stats(repeat(10, "x".repeat(64))))).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(inference.decide(stats(repeat(10, "x".repeat(65))))).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void infersTextForAnAllNullColumn() {
        ColumnStats empty = new ColumnStats("nothing", 1000);
        assertThat(inference.decide(empty)).isEqualTo(ColumnType.TEXT);
        assertThat(inference.stringType(empty)).isEqualTo(ColumnType.TEXT);
        assertThat(TypeInference.piiTags(empty)).isEmpty();
    }

    @Test
    void stringTypeIgnoresThatValuesAreNumbers() {
        ColumnStats s = stats(List.of("1", "1", "2", "2"));
        assertThat(inference.decide(s)).isEqualTo(ColumnType.INTEGER);
        assertThat(inference.stringType(s)).isEqualTo(ColumnType.CATEGORICAL);
    }

    @Test
    void tagsAKindOfPersonalDataMatchingAtLeastHalfTheValues() {
        assertThat(TypeInference.piiTags(stats(List.of("a@example.com", "b@example.com", "x", "y"))))
                .containsExactly("pii", "email");
        assertThat(TypeInference.piiTags(stats(List.of("a@example.com", "x", "y")))).isEmpty();
        assertThat(TypeInference.piiTags(stats(List.of("a@example.com")))).containsExactly("pii", "email");
    }

    @Test
    void tagsEveryKindThatReachesHalf() {
        assertThat(TypeInference.piiTags(stats(List.of("a@example.com", "b@example.com", "192.168.0.1", "10.0.0.1"))))
                .containsExactly("pii", "email", "ipv4");
    }

    @Test
    void countsEachKindOfPersonalData() {
        ColumnStats s = stats(List.of("a@example.com", "+1 415 555 2671", "10.0.0.1", "::1", "4111 1111 1111 1111",
                "GB82 WEST 1234 5698 7654 32", "plain"));
        for (PiiKind k : PiiKind.values()) {
            assertThat(s.piiCount(k)).as(k.name()).isEqualTo(1);
        }
    }

    @Test
    void countsDistinctValuesExactlyUpToTheCap() {
        ColumnStats s = new ColumnStats("c", 5);
        for (int i = 0; i < 6; i++) {
            s.add("v" + i);
            s.add("v" + i);
        }
        assertThat(s.distinctSeen()).isEqualTo(6);
        assertThat(s.distinctOverflow()).isFalse();
        s.add("v6");
        assertThat(s.distinctOverflow()).isTrue();
        s.add("v0");
        assertThat(s.distinctOverflow()).isTrue();
    }
}
