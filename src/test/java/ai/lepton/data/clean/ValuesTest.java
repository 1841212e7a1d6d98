package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void normalizeTrimsAndMapsNullSpellings() {
        assertThat(Values.normalize("  x  ")).isEqualTo("x");
        for (String n : new String[] {"", "  ", "NA", "N/A", "null", "NULL", "-", " - "}) {
            assertThat(Values.normalize(n)).as(n).isNull();
        }
        assertThat(Values.normalize("na")).isEqualTo("na");
        assertThat(Values.normalize("--")).isEqualTo("--");
    }

    @Test
    void integersAndDecimalsAreRecognised() {
        assertThat(Values.isInteger("-12")).isTrue();
        assertThat(Values.isInteger("+7")).isTrue();
        assertThat(Values.isInteger("9223372036854775807")).isTrue();
        assertThat(Values.isInteger("9223372036854775808")).isFalse();
        assertThat(Values.isInteger("1.0")).isFalse();
        assertThat(Values.isDecimal("1.5")).isTrue();
        assertThat(Values.isDecimal(".5")).isTrue();
        assertThat(Values.isDecimal("5.")).isTrue();
        assertThat(Values.isDecimal("-1e-3")).isTrue();
        assertThat(Values.isDecimal("1e")).isFalse();
        assertThat(Values.isDecimal("e5")).isFalse();
        assertThat(Values.isDecimal("1.2.3")).isFalse();
        assertThat(Values.isDecimal("1,5")).isFalse();
    }

    @Test
    void canonicalNumbersHaveOneSpelling() {
        assertThat(Values.canonicalInteger("+007")).isEqualTo("7");
        assertThat(Values.canonicalInteger("-0")).isEqualTo("0");
        assertThat(Values.canonicalInteger("-0012")).isEqualTo("-12");
        assertThat(Values.canonicalDecimal("1.50")).isEqualTo("1.5");
        assertThat(Values.canonicalDecimal("2.0")).isEqualTo("2");
        assertThat(Values.canonicalDecimal("1e3")).isEqualTo("1000");
        assertThat(Values.canonicalDecimal("-0.0")).isEqualTo("0");
        assertThat(Values.canonicalDecimal(".5")).isEqualTo("0.5");
        assertThat(Values.canonicalDecimal("+005.250")).isEqualTo("5.25");
        assertThat(Values.canonicalDecimal("1.5E-2")).isEqualTo("0.015");
        assertThat(Values.toDouble("-12.625")).isEqualTo(-12.625);
        assertThat(Values.toDouble("0.1")).isEqualTo(0.1);
    }

    @Test
    void booleansInTheirCommonSpellings() {
        assertThat(Values.parseBoolean("Yes")).isTrue();
        assertThat(Values.parseBoolean("f")).isFalse();
        assertThat(Values.parseBoolean("FALSE")).isFalse();
        assertThat(Values.parseBoolean("1")).isNull();
        assertThat(Values.parseBoolean("maybe")).isNull();
    }

    @Test
    void timestampsInIsoFormsAreParsedAsUtcInstants() {
        long[] out = new long[2];
        assertThat(Values.parseTimestamp("2024-01-02", out)).isTrue();
        assertThat(Instant.ofEpochSecond(out[0])).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
        assertThat(Values.parseTimestamp("2024-01-02 03:04:05", out)).isTrue();
        assertThat(Instant.ofEpochSecond(out[0])).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(Values.parseTimestamp("2024-01-02T03:04:05.25+02:00", out)).isTrue();
        assertThat(Instant.ofEpochSecond(out[0], out[1])).isEqualTo(Instant.parse("2024-01-02T01:04:05.250Z"));
        assertThat(Values.parseTimestamp("2024-01-02T03:04-0130", out)).isTrue();
        assertThat(Instant.ofEpochSecond(out[0])).isEqualTo(Instant.parse("2024-01-02T04:34:00Z"));
        assertThat(Values.parseTimestamp("2023-02-29", out)).isFalse();
        assertThat(Values.parseTimestamp("2024-13-01", out)).isFalse();
        assertThat(Values.parseTimestamp("2024-01-02T25:00", out)).isFalse();
        assertThat(Values.parseTimestamp("2024/01/02", out)).isFalse();
    }

    @Test
    void parserAndFormatterAgreeWithJavaTimeOnRandomInstants() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] out = new long[2];
        for (int i = 0; i < 500; i++) {
            long sec = rnd.nextLong(-2_000_000_000L, 250_000_000_000L);
            long nanos = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(1_000_000_000);
            Instant instant = Instant.ofEpochSecond(sec, nanos);
            assertThat(Values.instant(sec, nanos)).isEqualTo(instant.toString());
            OffsetDateTime odt = instant.atOffset(ZoneOffset.ofHours(rnd.nextInt(-12, 13)));
            String text = odt.toString();
            if (odt.getYear() >= 0 && odt.getYear() <= 9999 && odt.getSecond() != 0) {
                assertThat(Values.parseTimestamp(text, out)).as(text).isTrue();
                assertThat(Instant.ofEpochSecond(out[0], out[1])).as(text).isEqualTo(instant);
            }
            LocalDate d = LocalDate.ofEpochDay(rnd.nextInt(-700_000, 2_900_000));
            assertThat(Values.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).isEqualTo(d.toEpochDay());
        }
    }
}
