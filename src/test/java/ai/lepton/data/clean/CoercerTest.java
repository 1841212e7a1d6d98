package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lepton.data.api.ColumnType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CoercerTest {

    private final Coercer c = new Coercer();

    @Test
    void coercesIntegersAndKeepsTheirNumber() {
        assertThat(c.coerce(ColumnType.INTEGER, "+007")).isEqualTo("7");
        assertThat(c.number).isEqualTo(7.0);
        assertThat(c.coerce(ColumnType.INTEGER, "-42")).isEqualTo("-42");
        assertThat(c.number).isEqualTo(-42.0);
        assertThat(c.coerce(ColumnType.INTEGER, "1.5")).isNull();
        assertThat(c.coerce(ColumnType.INTEGER, "9223372036854775808")).isNull();
        assertThat(c.coerce(ColumnType.INTEGER, "abc")).isNull();
    }

    @Test
    void coercesDecimalsAndKeepsTheirNumber() {
        assertThat(c.coerce(ColumnType.DECIMAL, "1.50")).isEqualTo("1.5");
        assertThat(c.number).isEqualTo(1.5);
        assertThat(c.coerce(ColumnType.DECIMAL, "-2e3")).isEqualTo("-2000");
        assertThat(c.number).isEqualTo(-2000.0);
        assertThat(c.coerce(ColumnType.DECIMAL, "7")).isEqualTo("7");
        assertThat(c.coerce(ColumnType.DECIMAL, "1,5")).isNull();
    }

    @Test
    void coercesBooleans() {
        assertThat(c.coerce(ColumnType.BOOLEAN, "Yes")).isEqualTo("true");
        assertThat(c.coerce(ColumnType.BOOLEAN, "f")).isEqualTo("false");
        assertThat(c.coerce(ColumnType.BOOLEAN, "1")).isNull();
    }

    @Test
    void coercesIsoTimestampsToUtcInstants() {
        assertThat(c.coerce(ColumnType.TIMESTAMP, "2024-01-02T03:04:05.5+01:00")).isEqualTo("2024-01-02T02:04:05.500Z");
        assertThat(c.epochSecond).isEqualTo(Instant.parse("2024-01-02T02:04:05Z").getEpochSecond());
        assertThat(c.nanos).isEqualTo(500_000_000L);
        assertThat(c.coerce(ColumnType.TIMESTAMP, "2023-02-29")).isNull();
    }

    @Test
    void coercesEpochSecondsAndMillisToInstants() {
        assertThat(c.coerce(ColumnType.TIMESTAMP, "1700000000")).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(c.coerce(ColumnType.TIMESTAMP, "+1700000000")).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(c.coerce(ColumnType.TIMESTAMP, "1700000000123")).isEqualTo("2023-11-14T22:13:20.123Z");
        assertThat(c.epochSecond).isEqualTo(1_700_000_000L);
        assertThat(c.nanos).isEqualTo(123_000_000L);
        assertThat(c.coerce(ColumnType.TIMESTAMP, "1000000000")).isEqualTo("2001-09-09T01:46:40Z");
        assertThat(c.coerce(ColumnType.TIMESTAMP, "9999999999")).isEqualTo("2286-11-20T17:46:39Z");
    }

    @Test
    void rejectsIntegersOutsideTheEpochRanges() {
        assertThat(c.coerce(ColumnType.TIMESTAMP, "999999999")).isNull();
        assertThat(c.coerce(ColumnType.TIMESTAMP, "10000000000")).isNull();
        assertThat(c.coerce(ColumnType.TIMESTAMP, "10000000000000")).isNull();
        assertThat(c.coerce(ColumnType.TIMESTAMP, "-1700000000")).isNull();
        assertThat(c.coerce(ColumnType.TIMESTAMP, "42")).isNull();
    }

    @Test
    void keepsStringTypesAsTheyAre() {
        assertThat(c.coerce(ColumnType.TEXT, "Any thing")).isEqualTo("Any thing");
        assertThat(c.coerce(ColumnType.CATEGORICAL, "007")).isEqualTo("007");
    }

    @Test
    void namesTheReasonPerType() {
        assertThat(Coercer.reason(ColumnType.INTEGER)).isEqualTo("not an integer");
        assertThat(Coercer.reason(ColumnType.DECIMAL)).isEqualTo("not a decimal");
        assertThat(Coercer.reason(ColumnType.BOOLEAN)).isEqualTo("not a boolean");
        assertThat(Coercer.reason(ColumnType.TIMESTAMP)).isEqualTo("not a timestamp");
        assertThat(Coercer.reason(ColumnType.TEXT)).isEqualTo("invalid value");
    }
}
