package ai.lepton.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ValueCount;
import org.junit.jupiter.api.Test;

class ColumnProfilerTest {

    @Test
    void numericColumnGetsCountNullsDistinctAndMoments() {
        ColumnProfiler p = new ColumnProfiler("x", ColumnType.DECIMAL);
        for (double v : new double[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            p.add(Double.toString(v), v, 0, 0);
        }
        p.addNull();
        ColumnProfile r = p.result();
        assertThat(r.count()).isEqualTo(9);
        assertThat(r.nulls()).isEqualTo(1);
        assertThat(r.distinct()).isEqualTo(5);
        assertThat(r.min()).isEqualTo(2.0);
        assertThat(r.max()).isEqualTo(9.0);
        assertThat(r.mean()).isEqualTo(5.0);
        assertThat(r.stddev()).isEqualTo(2.0, within(1e-12));
        assertThat(r.top()).isEmpty();
    }

    @Test
    void categoricalColumnGetsTopValuesTiesByValue() {
        ColumnProfiler p = new ColumnProfiler("c", ColumnType.CATEGORICAL);
        for (String v : new String[] {"b", "a", "c", "a", "b", "z"}) {
            p.add(v, 0, 0, 0);
        }
        assertThat(p.result().top()).containsExactly(new ValueCount("a", 2), new ValueCount("b", 2),
                new ValueCount("c", 1), new ValueCount("z", 1));
        assertThat(p.result().distinct()).isEqualTo(4);
        assertThat(p.result().mean()).isNull();
    }

    @Test
    void timestampColumnGetsEarliestAndLatest() {
        ColumnProfiler p = new ColumnProfiler("t", ColumnType.TIMESTAMP);
        p.add("x", 0, 1_700_000_000L, 5);
        p.add("y", 0, 1_600_000_000L, 0);
        p.add("z", 0, 1_700_000_000L, 0);
        assertThat(p.result().earliest()).isEqualTo("2020-09-13T12:26:40Z");
        assertThat(p.result().latest()).isEqualTo("2023-11-14T22:13:20.000000005Z");
    }

    @Test
    void distinctIsExactBelow4096AndWithinTwoPercentAbove() {
        ColumnProfiler small = new ColumnProfiler("s", ColumnType.TEXT);
        for (int i = 0; i < 4000; i++) {
            small.add("v" + (i % 3000), 0, 0, 0);
        }
        assertThat(small.result().distinct()).isEqualTo(3000);
        ColumnProfiler big = new ColumnProfiler("b", ColumnType.TEXT);
        for (int i = 0; i < 200_000; i++) {
            big.add("value-" + (i % 100_000), 0, 0, 0);
        }
        assertThat((double) big.result().distinct()).isCloseTo(100_000, within(2_000.0));
    }
}
