package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesEdgeCasesTest {

    // ---------------------------------------------------------------- normalize

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\r\n", "NA", "N/A", "null", "NULL", "-", " NA ", "\tnull\t", " - ", "\u2003"})
    void normalizesNullSpellingsToNull(String raw) {
        assertThat(Values.normalize(raw)).isNull();
    }

    @Test
    void normalizesJavaNullToNull() {
        assertThat(Values.normalize(null)).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "' x '|x",
        "'a b'|a b",
        "na|na",
        "Null|Null",
        "n/a|n/a",
        "--|--",
        "'-1'|-1",
        "NAN|NAN",
        "' nullish '|nullish",
        "'\u2003word\u2003'|word",
    })
    void trimsAndKeepsEverythingElse(String raw, String expected) {
        assertThat(Values.normalize(raw)).isEqualTo(expected);
    }

    @Test
    void trimsTabsAndLineEnds() {
        assertThat(Values.normalize("\tx\r\n")).isEqualTo("x");
        assertThat(Values.normalize("\n NA\t")).isNull();
    }

    @Test
    void returnsTheSameInstanceWhenNothingIsTrimmed() {
        String s = "value";
        assertThat(Values.normalize(s)).isSameAs(s);
    }

    // ---------------------------------------------------------------- integers

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "+1", "007", "123456789012345678", "9223372036854775807",
        "-9223372036854775808", "+9223372036854775807", "-0"})
    void acceptsIntegersThatFitALong(String s) {
        assertThat(Values.isInteger(s)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "9999999999999999999",
        "99999999999999999999", "", "+", "-", "1.0", "1e3", " 1", "1 ", "1_000", "0x1F", "١٢", "--1", "+-1", "1-"})
    void rejectsNonIntegersAndLongOverflow(String s) {
        assertThat(Values.isInteger(s)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "+007, 7",
        "-0, 0",
        "+0, 0",
        "000, 0",
        "-000, 0",
        "0, 0",
        "5, 5",
        "+5, 5",
        "-5, -5",
        "-007, -7",
        "100, 100",
        "-100, -100",
        "0010, 10",
        "+9223372036854775807, 9223372036854775807",
        "-9223372036854775808, -9223372036854775808",
    })
    void writesCanonicalIntegers(String in, String expected) {
        assertThat(Values.canonicalInteger(in)).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- decimals

    @ParameterizedTest
    @ValueSource(strings = {"1", "-12", "3.5", ".5", "5.", "-.5", "+.5", "1e3", "1E-3", "1.5e+10", "-2.5E7",
        "1e9999", ".5e1", "5.e2", "00.10", "12345678901234567890.123"})
    void acceptsPlainAndExponentDecimals(String s) {
        assertThat(Values.isDecimal(s)).isTrue();
        assertThat(new BigDecimal(s.startsWith("+") ? s.substring(1) : s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e", "e5", "1.2.3", ".", "", "-", "+", "1e+", "1e-", "1e5.0", "1e99999", "1..2",
        "abc", "1,5", "NaN", "Infinity", "0x10", "1 ", " 1", "-.", ".e1", "1e1e1", "1f", "1d", "1.5-"})
    void rejectsMalformedDecimals(String s) {
        assertThat(Values.isDecimal(s)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "+007, 7",
        "-0, 0",
        "1.50, 1.5",
        "2.0, 2",
        "1e3, 1000",
        "-0.0, 0",
        ".5, 0.5",
        "5., 5",
        "-.5, -0.5",
        "+.5, 0.5",
        "00.500, 0.5",
        "-007.50, -7.5",
        "1.5e-3, 0.0015",
        "-0e5, 0",
        "0.0e0, 0",
        "+1E2, 100",
        "2.50E1, 25",
        "100, 100",
        "10.0, 10",
        "0.000, 0",
        "123.456, 123.456",
        "-0.010, -0.01",
        "1e50, 1E+50",
        "1e-50, 1E-50",
        "12345678901234567890.120, 12345678901234567890.12",
    })
    void writesCanonicalDecimals(String in, String expected) {
        assertThat(Values.canonicalDecimal(in)).isEqualTo(expected);
    }

    @Test
    void canonicalDecimalsKeepTheValueAndHaveOneSpellingPerValue() {
        Random rnd = new Random(42);
        for (int k = 0; k < 2000; k++) {
            String digits = Integer.toString(rnd.nextInt(100_000_000));
            int dot = rnd.nextInt(digits.length() + 1);
            String s = digits.substring(0, dot) + "." + digits.substring(dot) + "0".repeat(rnd.nextInt(3));
            if (s.equals(".")) {
                continue;
            }
            String zeros = "0".repeat(rnd.nextInt(3));
            String sign = switch (rnd.nextInt(3)) {
                case 0 -> "-";
                case 1 -> "+";
                default -> "";
            };
            String in = sign + zeros + s + (rnd.nextBoolean() ? "" : "e" + (rnd.nextInt(7) - 3));
            assertThat(Values.isDecimal(in)).as(in).isTrue();
            String canonical = Values.canonicalDecimal(in);
            BigDecimal expected = new BigDecimal(in.startsWith("+") ? in.substring(1) : in);
            assertThat(new BigDecimal(canonical)).as(in).isEqualByComparingTo(expected);
            String plain = expected.signum() == 0 ? "0" : expected.stripTrailingZeros().toPlainString();
            assertThat(canonical).as(in).isEqualTo(plain);
        }
    }

    // ---------------------------------------------------------------- booleans

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "True, true", "yes, true", "YES, true", "y, true", "Y, true",
        "t, true", "T, true", "false, false", "FALSE, false", "no, false", "No, false", "n, false", "N, false",
        "f, false", "F, false"})
    void parsesBooleanSpellings(String s, boolean expected) {
        assertThat(Values.parseBoolean(s)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "x", "on", "off", "yes!", "tru", "falsey", "nope", "ja"})
    void rejectsOtherBooleanSpellings(String s) {
        assertThat(Values.parseBoolean(s)).isNull();
    }

    // ---------------------------------------------------------------- timestamps

    private static Instant ts(String s) {
        long[] out = new long[2];
        if (!Values.parseTimestamp(s, out)) {
            return null;
        }
        assertThat(out[1]).isBetween(0L, 999_999_999L);
        return Instant.ofEpochSecond(out[0], out[1]);
    }

    @ParameterizedTest
    @CsvSource({
        "2024-01-02, 2024-01-02T00:00:00Z",
        "2024-01-02T03:04:05, 2024-01-02T03:04:05Z",
        "2024-01-02t03:04:05, 2024-01-02T03:04:05Z",
        "2024-01-02 03:04:05, 2024-01-02T03:04:05Z",
        "2024-01-02T03:04, 2024-01-02T03:04:00Z",
        "2024-01-02T03:04Z, 2024-01-02T03:04:00Z",
        "2024-01-02T03:04:05Z, 2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05z, 2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.5Z, 2024-01-02T03:04:05.500Z",
        "2024-01-02T03:04:05.123Z, 2024-01-02T03:04:05.123Z",
        "2024-01-02T03:04:05.123456Z, 2024-01-02T03:04:05.123456Z",
        "2024-01-02T03:04:05.123456789Z, 2024-01-02T03:04:05.123456789Z",
        "'2024-01-02T03:04:05,25Z', 2024-01-02T03:04:05.250Z",
        "2024-01-02T03:04:05+01:00, 2024-01-02T02:04:05Z",
        "2024-01-02T03:04:05-05:30, 2024-01-02T08:34:05Z",
        "2024-01-02T03:04:05+0130, 2024-01-02T01:34:05Z",
        "2024-01-02T03:04:05-0800, 2024-01-02T11:04:05Z",
        "2024-01-02T03:04:05+02, 2024-01-02T01:04:05Z",
        "2024-01-02T00:30:00+01, 2024-01-01T23:30:00Z",
        "2024-01-02T03:04+01:00, 2024-01-02T02:04:00Z",
        "2024-01-02T03:04:05.75-01:00, 2024-01-02T04:04:05.750Z",
        "2024-02-29, 2024-02-29T00:00:00Z",
        "2000-02-29, 2000-02-29T00:00:00Z",
        "1969-12-31T23:59:59.999Z, 1969-12-31T23:59:59.999Z",
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
        "0001-01-01, 0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z, 9999-12-31T23:59:59Z",
        "2024-12-31T23:59:59-14:00, 2025-01-01T13:59:59Z",
    })
    void parsesIsoDatesAndDateTimes(String s, String expected) {
        assertThat(ts(s)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-32", "2024-04-31",
        "1900-02-29", "2024-1-02", "2024/01/02", "24-01-02", "20240102", "2024-01-02T", "2024-01-02T3:04:05",
        "2024-01-02T24:00:00", "2024-01-02T23:60:00", "2024-01-02T23:59:60", "2024-01-02T03:04:05.",
        "2024-01-02T03:04:05.1234567890", "2024-01-02T03:04:05+1", "2024-01-02T03:04:05+01:", "2024-01-02T03:04:05+01:0",
        "2024-01-02T03:04:05+19:00", "2024-01-02T03:04:05+01:60", "2024-01-02T03:04:05Zx", "2024-01-02T03:04:05 Z",
        "2024-01-02X03:04:05", "2024-01-02T03-04-05", "2024-01-02T03:04:5", "abcd-ef-gh", "2024-01-02 ", "-2024-01-02",
        "2024-01-02T03:04:05+01:00:00", "2024-01-02T03:04:05UTC"})
    void rejectsInvalidDatesAndMalformedTimestamps(String s) {
        assertThat(ts(s)).isNull();
    }

    @Test
    void agreesWithJavaTimeForRandomInstantsAndOffsets() {
        Random rnd = new Random(20240102);
        long min = LocalDate.of(1, 1, 1).toEpochDay() * 86_400L;
        long max = LocalDate.of(9999, 12, 30).toEpochDay() * 86_400L;
        for (int k = 0; k < 500; k++) {
            long second = min + (long) (rnd.nextDouble() * (max - min));
            int fractionDigits = rnd.nextInt(10); // 0 = no fraction
            int nano = 0;
            String fraction = "";
            if (fractionDigits > 0) {
                int unit = (int) Math.pow(10, 9 - fractionDigits);
                nano = rnd.nextInt(1_000_000_000 / unit) * unit;
                fraction = "." + String.format("%09d", nano).substring(0, fractionDigits);
            }
            int offsetMinutes = rnd.nextInt(5) == 0 ? 0 : (rnd.nextInt(18 * 4 * 2 + 1) - 18 * 4) * 15;
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
            Instant instant = Instant.ofEpochSecond(second, nano);
            LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
            String date = String.format("%04d-%02d-%02d", local.getYear(), local.getMonthValue(),
                    local.getDayOfMonth());
            char sep = "T T t".charAt(rnd.nextInt(5));
            String time = String.format("%02d:%02d:%02d", local.getHour(), local.getMinute(), local.getSecond());
            int abs = Math.abs(offsetMinutes);
            String sign = offsetMinutes < 0 ? "-" : "+";
            String offset = switch (rnd.nextInt(5)) {
                case 0 -> offsetMinutes == 0 ? "Z" : String.format("%s%02d:%02d", sign, abs / 60, abs % 60);
                case 1 -> String.format("%s%02d%02d", sign, abs / 60, abs % 60);
                case 2 -> abs % 60 == 0 ? String.format("%s%02d", sign, abs / 60)
                        : String.format("%s%02d:%02d", sign, abs / 60, abs % 60);
                case 3 -> offsetMinutes == 0 ? "" : String.format("%s%02d:%02d", sign, abs / 60, abs % 60);
                default -> String.format("%s%02d:%02d", sign, abs / 60, abs % 60);
            };
            String text = date + sep + time + fraction + offset;
            Instant expected = OffsetDateTime.of(local, zone).toInstant();
            assertThat(expected).isEqualTo(instant);
            long[] out = new long[2];
            assertThat(Values.parseTimestamp(text, out)).as(text).isTrue();
            assertThat(out).as(text).containsExactly(instant.getEpochSecond(), instant.getNano());
            assertThat(Values.instant(out[0], out[1])).as(text).isEqualTo(instant.toString());
            long[] day = new long[2];
            assertThat(Values.parseTimestamp(date, day)).as(date).isTrue();
            assertThat(day[0]).as(date).isEqualTo(local.toLocalDate().toEpochDay() * 86_400L);
            assertThat(day[1]).isZero();
        }
    }

    @Test
    void computesEpochDaysLikeJavaTimeForEveryDayOfSomeLeapCycles() {
        for (LocalDate d = LocalDate.of(1895, 1, 1); d.isBefore(LocalDate.of(2105, 1, 1)); d = d.plusDays(1)) {
            assertThat(Values.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth())).as(d.toString())
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void formatsInstantsLikeInstantToString() {
        assertThat(Values.instant(0, 0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(Values.instant(1_700_000_000L, 500_000_000L)).isEqualTo("2023-11-14T22:13:20.500Z");
        assertThat(Values.instant(-1, 999_000_000L)).isEqualTo("1969-12-31T23:59:59.999Z");
    }
}
