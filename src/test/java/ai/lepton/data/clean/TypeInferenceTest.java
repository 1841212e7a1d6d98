package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.data.api.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeInferenceTest {

    final TypeInference inference = new TypeInference(0.9, 1000);

    ColumnType type(String name, String... values) {
        return inference.decide(stats(name, values));
    }

    static ColumnStats stats(String name, String... values) {
        ColumnStats s = new ColumnStats(name, 1000);
        for (String v : values) {
            s.add(v);
        }
        return s;
    }

    static String[] repeat(int times, String... values) {
        String[] out = new String[times * values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i % values.length];
        }
        return out;
    }

    @Test
    void infersEachType() {
        assertThat(type("n", "1", "2", "-3")).isEqualTo(ColumnType.INTEGER);
        assertThat(type("n", "1", "2.5", "3")).isEqualTo(ColumnType.DECIMAL);
        assertThat(type("b", "yes", "no", "Y")).isEqualTo(ColumnType.BOOLEAN);
        assertThat(type("t", "2024-01-01", "2024-01-02T10:00:00Z")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(type("c", repeat(10, "red", "green"))).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(type("t", "alpha", "beta", "gamma")).isEqualTo(ColumnType.TEXT);
        assertThat(inference.decide(new ColumnStats("empty", 1000))).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void ninetyPercentDecidesAndTheRestAreBadCells() {
        String[] nineOk = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "x"};
        assertThat(type("n", nineOk)).isEqualTo(ColumnType.INTEGER);
        String[] eightOk = {"1", "2", "3", "4", "5", "6", "7", "8", "x", "y"};
        assertThat(type("n", eightOk)).isNotEqualTo(ColumnType.INTEGER);
    }

    @Test
    void epochIntegersAreTimestampsOnlyInTimeNamedColumns() {
        assertThat(type("created_at", "1700000000", "1700000100")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(type("ts", "1700000000000", "1700000100000")).isEqualTo(ColumnType.TIMESTAMP);
        assertThat(type("amount", "1700000000", "1700000100")).isEqualTo(ColumnType.INTEGER);
        assertThat(type("created_at", "1700000000", "17")).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void categoricalNeedsFewDistinctValuesRelativeToTheRows() {
        assertThat(type("c", "a", "b", "c", "d")).isEqualTo(ColumnType.TEXT);
        assertThat(type("c", "a", "b", "a", "b")).isEqualTo(ColumnType.CATEGORICAL);
        assertThat(type("c", repeat(3, "a".repeat(100), "b".repeat(100)))).isEqualTo(ColumnType.TEXT);
    }

    @Test
    void piiTagsNeedHalfOfTheValues() {
        assertThat(TypeInference.piiTags(stats("e", "a@example.com", "b@example.com", "x")))
                .isEqualTo(List.of("pii", "email"));
        assertThat(TypeInference.piiTags(stats("e", "a@example.com", "x", "y"))).isEmpty();
    }
}
