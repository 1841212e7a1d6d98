package ai.lepton.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ValueCount;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ColumnProfilerEdgeCasesTest {

    private static void addNumber(ColumnProfiler p, long v) {
        p.add(Long.toString(v), v, 0, 0);
    }

    private static void addInstant(ColumnProfiler p, String iso) {
        Instant i = Instant.parse(iso);
        p.add(i.toString(), 0, i.getEpochSecond(), i.getNano());
    }

    @Test
    void computesCountNullsMinMaxMeanAndPopulationStddev() {
        ColumnProfiler p = new ColumnProfiler("n", ColumnType.INTEGER);
        for (long v : new long[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            addNumber(p, v);
        }
        p.addNull();
        p.addNull();
        ColumnProfile r = p.result();
        assertThat(r.name()).isEqualTo("n");
        assertThat(r.type()).isEqualTo(ColumnType.INTEGER);
        assertThat(r.count()).isEqualTo(10);
        assertThat(r.nulls()).isEqualTo(2);
        assertThat(r.distinct()).isEqualTo(5);
        assertThat(r.min()).isEqualTo(2.0);
        assertThat(r.max()).isEqualTo(9.0);
        assertThat(r.mean()).isCloseTo(5.0, within(1e-12));
        assertThat(r.stddev()).isCloseTo(2.0, within(1e-12));
        assertThat(r.earliest()).isNull();
        assertThat(r.latest()).isNull();
        assertThat(r.top()).isEmpty();
    }

    @Test
    void computesStatsOfDecimalsIncludingNegatives() {
        ColumnProfiler p = new ColumnProfiler("d", ColumnType.DECIMAL);
        double[] values = {-1.5, 0.25, 3.75, 10, -7};
        for (double v : values) {
            p.add(Double.toString(v), v, 0, 0);
        }
        ColumnProfile r = p.result();
        double mean = (-1.5 + 0.25 + 3.75 + 10 - 7) / 5;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        assertThat(r.min()).isEqualTo(-7.0);
        assertThat(r.max()).isEqualTo(10.0);
        assertThat(r.mean()).isCloseTo(mean, within(1e-12));
        assertThat(r.stddev()).isCloseTo(Math.sqrt(var / 5), within(1e-12));
    }

    @Test
    void leavesNumericStatsEmptyForAllNullNumericColumns() {
        ColumnProfiler p = new ColumnProfiler("n", ColumnType.INTEGER);
        p.addNull();
        ColumnProfile r = p.result();
        assertThat(r.count()).isEqualTo(1);
        assertThat(r.nulls()).isEqualTo(1);
        assertThat(r.distinct()).isZero();
        assertThat(r.min()).isNull();
        assertThat(r.max()).isNull();
        assertThat(r.mean()).isNull();
        assertThat(r.stddev()).isNull();
    }

    @Test
    void findsEarliestAndLatestInstantsDownToTheNanosecond() {
        ColumnProfiler p = new ColumnProfiler("when", ColumnType.TIMESTAMP);
        addInstant(p, "2024-05-01T12:00:00.500Z");
        addInstant(p, "2024-05-01T12:00:00.100Z");
        addInstant(p, "1969-12-31T23:59:59.999Z");
        addInstant(p, "2030-01-01T00:00:00Z");
        addInstant(p, "2030-01-01T00:00:00.000000001Z");
        p.addNull();
        ColumnProfile r = p.result();
        assertThat(r.earliest()).isEqualTo("1969-12-31T23:59:59.999Z");
        assertThat(r.latest()).isEqualTo("2030-01-01T00:00:00.000000001Z");
        assertThat(r.min()).isNull();
        assertThat(r.mean()).isNull();
        assertThat(r.count()).isEqualTo(6);
        assertThat(r.nulls()).isEqualTo(1);
    }

    @Test
    void leavesInstantsEmptyForAnAllNullTimestampColumn() {
        ColumnProfiler p = new ColumnProfiler("when", ColumnType.TIMESTAMP);
        p.addNull();
        assertThat(p.result().earliest()).isNull();
        assertThat(p.result().latest()).isNull();
    }

    @Test
    void listsTheTenMostFrequentValuesWithTiesOrderedByValue() {
        ColumnProfiler p = new ColumnProfiler("c", ColumnType.CATEGORICAL);
        for (int i = 0; i < 3; i++) {
            p.add("b", 0, 0, 0);
            p.add("a", 0, 0, 0);
        }
        p.add("c", 0, 0, 0);
        p.add("c", 0, 0, 0);
        for (int i = 9; i >= 0; i--) {
            p.add("k" + i, 0, 0, 0);
        }
        p.add("z", 0, 0, 0);
        p.add("z", 0, 0, 0);
        p.add("z", 0, 0, 0);
        p.add("z", 0, 0, 0);
        ColumnProfile r = p.result();
        assertThat(r.top()).containsExactly(new ValueCount("z", 4), new ValueCount("a", 3), new ValueCount("b", 3),
                new ValueCount("c", 2), new ValueCount("k0", 1), new ValueCount("k1", 1), new ValueCount("k2", 1),
                new ValueCount("k3", 1), new ValueCount("k4", 1), new ValueCount("k5", 1));
        assertThat(r.distinct()).isEqualTo(14);
        assertThat(r.min()).isNull();
    }

    @Test
    void listsTopValuesOfBooleanColumns() {
        ColumnProfiler p = new ColumnProfiler("b", ColumnType.BOOLEAN);
        p.add("true", 0, 0, 0);
        p.add("false", 0, 0, 0);
        p.add("true", 0, 0, 0);
        p.addNull();
        assertThat(p.result().top()).containsExactly(new ValueCount("true", 2), new ValueCount("false", 1));
    }

    @Test
    void listsNoTopValuesForTextColumns() {
        ColumnProfiler p = new ColumnProfiler("t", ColumnType.TEXT);
        p.add("x", 0, 0, 0);
        p.add("x", 0, 0, 0);
        ColumnProfile r = p.result();
        assertThat(r.top()).isEmpty();
        assertThat(r.distinct()).isEqualTo(1);
        assertThat(r.count()).isEqualTo(2);
    }

    @Test
    void countsDistinctValuesExactlyBelowTheThreshold() {
        ColumnProfiler p = new ColumnProfiler("t", ColumnType.TEXT);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4000; i++) {
                p.add("value-" + i, 0, 0, 0);
            }
        }
        assertThat(p.result().distinct()).isEqualTo(4000);
        ColumnProfiler q = new ColumnProfiler("t", ColumnType.TEXT);
        for (int i = 0; i < ColumnProfiler.EXACT_DISTINCT; i++) {
            q.add("value-" + i, 0, 0, 0);
        }
        assertThat(q.result().distinct()).isEqualTo(ColumnProfiler.EXACT_DISTINCT);
    }

    @Test
    void estimatesDistinctValuesAboveTheThresholdWithinTwoPercent() {
        ColumnProfiler p = new ColumnProfiler("t", ColumnType.TEXT);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 100_000; i++) {
                p.add("id-" + i, 0, 0, 0);
            }
        }
        assertThat(p.result().distinct()).isBetween(98_000L, 102_000L);
        assertThat(p.result().count()).isEqualTo(200_000);
    }
}
