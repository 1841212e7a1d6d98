package ai.lepton.data.clean;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Fast parsers and canonical forms for cell values. They run on every cell, so the common cases are hand-written
 * character scans; {@link BigDecimal} and {@code java.time} are only used for the rare forms.
 */
public final class Values {

    private Values() {
    }

    /** Trims and maps the null spellings ({@code "" NA N/A null NULL -}) to null. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw;
        int n = s.length();
        if (n > 0 && (s.charAt(0) <= ' ' || s.charAt(n - 1) <= ' ' || Character.isWhitespace(s.charAt(0))
                || Character.isWhitespace(s.charAt(n - 1)))) {
            s = s.strip();
            n = s.length();
        }
        switch (n) {
            case 0:
                return null;
            case 1:
                return s.charAt(0) == '-' ? null : s;
            case 2:
                return s.equals("NA") ? null : s;
            case 3:
                return s.equals("N/A") ? null : s;
            case 4:
                return s.equals("null") || s.equals("NULL") ? null : s;
            default:
                return s;
        }
    }

    /** Optional sign and 1+ digits that fit a signed 64-bit integer. */
    public static boolean isInteger(String s) {
        int n = s.length();
        int i = 0;
        if (n == 0) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '-' || c == '+') {
            if (n == 1) {
                return false;
            }
            i = 1;
        }
        int digits = n - i;
        if (digits > 19) {
            return false;
        }
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        if (digits == 19) {
            try {
                Long.parseLong(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    /** Plain or exponent decimal: {@code -12}, {@code 3.5}, {@code .5}, {@code 5.}, {@code 1e-3}. */
    public static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (n == 0) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '-' || c == '+') {
            i = 1;
        }
        int digits = 0;
        boolean dot = false;
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i == n) {
            return true;
        }
        if (c != 'e' && c != 'E') {
            return false;
        }
        i++;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int expDigits = 0;
        for (; i < n; i++) {
            c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            expDigits++;
        }
        return expDigits > 0 && expDigits <= 4;
    }

    /** {@code Boolean.TRUE}/{@code FALSE} for true/false/yes/no/y/n/t/f in any case, else null. */
    public static Boolean parseBoolean(String s) {
        switch (s.length()) {
            case 1: {
                char c = Character.toLowerCase(s.charAt(0));
                return c == 'y' || c == 't' ? Boolean.TRUE : c == 'n' || c == 'f' ? Boolean.FALSE : null;
            }
            case 2:
                return s.equalsIgnoreCase("no") ? Boolean.FALSE : null;
            case 3:
                return s.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
            case 4:
                return s.equalsIgnoreCase("true") ? Boolean.TRUE : null;
            case 5:
                return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
            default:
                return null;
        }
    }

    /**
     * Parses ISO-8601 dates and date-times: {@code 2024-01-02}, {@code 2024-01-02T03:04:05}, with a space instead of
     * {@code T}, optional {@code :ss}, optional fraction (up to 9 digits), optional {@code Z}, {@code ±hh:mm},
     * {@code ±hhmm} or {@code ±hh}. Times without an offset are taken as UTC.
     *
     * @return epoch seconds and nanos in {@code out[0]}, {@code out[1]}; false when the value is not a timestamp
     */
    public static boolean parseTimestamp(String s, long[] out) {
        int n = s.length();
        if (n < 10 || n > 35 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
            return false;
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        int offsetSeconds = 0;
        int i = 10;
        if (n > 10) {
            char sep = s.charAt(10);
            if ((sep != 'T' && sep != 't' && sep != ' ') || n < 16 || s.charAt(13) != ':') {
                return false;
            }
            hour = digits(s, 11, 2);
            minute = digits(s, 14, 2);
            if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
                return false;
            }
            i = 16;
            if (i < n && s.charAt(i) == ':') {
                second = digits(s, 17, 2);
                if (i + 3 > n || second < 0 || second > 59) {
                    return false;
                }
                i = 19;
                if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
                    i++;
                    int start = i;
                    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                        i++;
                    }
                    int len = i - start;
                    if (len == 0 || len > 9) {
                        return false;
                    }
                    nanos = digits(s, start, len);
                    for (int k = len; k < 9; k++) {
                        nanos *= 10;
                    }
                }
            }
            if (i < n) {
                char z = s.charAt(i);
                if ((z == 'Z' || z == 'z') && i == n - 1) {
                    i = n;
                } else if (z == '+' || z == '-') {
                    int rest = n - i - 1;
                    int oh;
                    int om = 0;
                    if (rest == 2) {
                        oh = digits(s, i + 1, 2);
                    } else if (rest == 4) {
                        oh = digits(s, i + 1, 2);
                        om = digits(s, i + 3, 2);
                    } else if (rest == 5 && s.charAt(i + 3) == ':') {
                        oh = digits(s, i + 1, 2);
                        om = digits(s, i + 4, 2);
                    } else {
                        return false;
                    }
                    if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                        return false;
                    }
                    offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
                    i = n;
                } else {
                    return false;
                }
            }
        }
        if (i != n) {
            return false;
        }
        long days = epochDay(year, month, day);
        out[0] = days * 86400 + hour * 3600L + minute * 60L + second - offsetSeconds;
        out[1] = nanos;
        return true;
    }

    private static int digits(String s, int from, int len) {
        if (from + len > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 (same algorithm as {@code LocalDate.toEpochDay}). */
    static long epochDay(int year, int month, int day) {
        long y = year;
        long m = month;
        long total = 365 * y;
        if (y >= 0) {
            total += (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        } else {
            total -= y / -4 - y / -100 + y / -400;
        }
        total += (367 * m - 362) / 12;
        total += day - 1;
        if (m > 2) {
            total--;
            if (!(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
                total--;
            }
        }
        return total - 719528;
    }

    /**
     * Exactly {@code Instant.ofEpochSecond(epochSecond, nanos).toString()}, without the formatter for years 0 to 9999
     * (the formatter costs about a microsecond per call, which matters at millions of cells).
     */
    public static String instant(long epochSecond, long nanos) {
        long days = Math.floorDiv(epochSecond, 86400);
        int secs = (int) Math.floorMod(epochSecond, 86400);
        if (days < -719528 || days > 2932896) {
            return Instant.ofEpochSecond(epochSecond, nanos).toString();
        }
        // civil-from-days (Howard Hinnant's algorithm)
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (m <= 2 ? y + 1 : y);
        char[] c = new char[30];
        int i = 0;
        i = pad(c, i, year, 4);
        c[i++] = '-';
        i = pad(c, i, m, 2);
        c[i++] = '-';
        i = pad(c, i, d, 2);
        c[i++] = 'T';
        i = pad(c, i, secs / 3600, 2);
        c[i++] = ':';
        i = pad(c, i, (secs / 60) % 60, 2);
        c[i++] = ':';
        i = pad(c, i, secs % 60, 2);
        if (nanos > 0) {
            c[i++] = '.';
            if (nanos % 1_000_000 == 0) {
                i = pad(c, i, (int) (nanos / 1_000_000), 3);
            } else if (nanos % 1000 == 0) {
                i = pad(c, i, (int) (nanos / 1000), 6);
            } else {
                i = pad(c, i, (int) nanos, 9);
            }
        }
        c[i++] = 'Z';
        return new String(c, 0, i);
    }

    private static int pad(char[] c, int at, int value, int width) {
        for (int k = width - 1; k >= 0; k--) {
            c[at + k] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * {@code Double.parseDouble} of a canonical decimal, with a fast path for plain forms of up to 15 significant
     * digits: the mantissa and the power of ten are both exact doubles, so one division rounds correctly.
     */
    public static double toDouble(String canonical) {
        int n = canonical.length();
        int i = 0;
        boolean neg = false;
        if (n > 0 && canonical.charAt(0) == '-') {
            neg = true;
            i = 1;
        }
        long mantissa = 0;
        int digits = 0;
        int scale = -1;
        for (; i < n; i++) {
            char c = canonical.charAt(i);
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    digits++;
                }
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return Double.parseDouble(canonical);
            }
            if (digits > 15) {
                return Double.parseDouble(canonical);
            }
        }
        double v = scale <= 0 ? mantissa : mantissa / POW10[scale];
        return neg ? -v : v;
    }

    /** Canonical integer text: no plus sign, no leading zeros, {@code -0} is {@code 0}. */
    public static String canonicalInteger(String s) {
        int n = s.length();
        int i = 0;
        boolean neg = false;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            neg = c == '-';
            i = 1;
        }
        while (i < n - 1 && s.charAt(i) == '0') {
            i++;
        }
        if (i == n - 1 && s.charAt(i) == '0') {
            return "0";
        }
        if (i == 0) {
            return s;
        }
        return neg ? "-" + s.substring(i) : s.substring(i);
    }

    /**
     * Canonical decimal text: plain notation, no plus sign, no leading zeros, no trailing fractional zeros, no trailing
     * dot; {@code -0.0} is {@code 0}. Exponent forms go through {@link BigDecimal}; scientific notation is kept only
     * when the plain form would be longer than 40 characters.
     */
    public static String canonicalDecimal(String s) {
        int n = s.length();
        for (int k = 0; k < n; k++) {
            char c = s.charAt(k);
            if (c == 'e' || c == 'E') {
                BigDecimal d = new BigDecimal(s.charAt(0) == '+' ? s.substring(1) : s);
                if (d.signum() == 0) {
                    return "0";
                }
                d = d.stripTrailingZeros();
                String plain = d.toPlainString();
                return plain.length() > 40 ? d.toString() : plain;
            }
        }
        int i = 0;
        boolean neg = false;
        char c0 = s.charAt(0);
        if (c0 == '+' || c0 == '-') {
            neg = c0 == '-';
            i = 1;
        }
        int dot = s.indexOf('.', i);
        int intStart = i;
        int intEnd = dot < 0 ? n : dot;
        while (intStart < intEnd - 1 && s.charAt(intStart) == '0') {
            intStart++;
        }
        int fracEnd = n;
        if (dot >= 0) {
            while (fracEnd > dot + 1 && s.charAt(fracEnd - 1) == '0') {
                fracEnd--;
            }
        }
        boolean hasFrac = dot >= 0 && fracEnd > dot + 1;
        boolean intZero = intStart == intEnd || (intEnd - intStart == 1 && s.charAt(intStart) == '0');
        if (intZero && !hasFrac) {
            return "0";
        }
        StringBuilder sb = new StringBuilder(n + 1);
        if (neg) {
            sb.append('-');
        }
        if (intStart == intEnd) {
            sb.append('0');
        } else {
            sb.append(s, intStart, intEnd);
        }
        if (hasFrac) {
            sb.append(s, dot, fracEnd);
        }
        return sb.toString();
    }
}
