package ai.lepton.data.clean;

import ai.lepton.data.api.ColumnType;

/**
 * Turns a normalised value into the canonical text of its column's type, or reports that it does not fit. Keeps the
 * numeric or instant value of the last success in {@link #number} / {@link #epochSecond} + {@link #nanos} so the
 * profiler need not parse again.
 */
public final class Coercer {

    /** The numeric value of the last INTEGER or DECIMAL coercion. */
    public double number;
    /** Epoch seconds of the last TIMESTAMP coercion. */
    public long epochSecond;
    /** Nanosecond part of the last TIMESTAMP coercion. */
    public long nanos;
    private final long[] ts = new long[2];

    /** Canonical text, or null when the value does not fit the type. */
    public String coerce(ColumnType type, String v) {
        switch (type) {
            case INTEGER:
                if (!Values.isInteger(v)) {
                    return null;
                }
                String i = Values.canonicalInteger(v);
                number = Long.parseLong(i);
                return i;
            case DECIMAL:
                if (!Values.isDecimal(v)) {
                    return null;
                }
                String d = Values.canonicalDecimal(v);
                number = Values.toDouble(d);
                return d;
            case BOOLEAN:
                Boolean b = Values.parseBoolean(v);
                return b == null ? null : b.toString();
            case TIMESTAMP:
                if (Values.isInteger(v)) {
                    long x = Long.parseLong(v.charAt(0) == '+' ? v.substring(1) : v);
                    if (x >= 1_000_000_000L && x < 10_000_000_000L) {
                        epochSecond = x;
                        nanos = 0;
                    } else if (x >= 1_000_000_000_000L && x < 10_000_000_000_000L) {
                        epochSecond = Math.floorDiv(x, 1000);
                        nanos = Math.floorMod(x, 1000) * 1_000_000L;
                    } else {
                        return null;
                    }
                    return Values.instant(epochSecond, nanos);
                }
                if (!Values.parseTimestamp(v, ts)) {
                    return null;
                }
                epochSecond = ts[0];
                nanos = ts[1];
                return Values.instant(epochSecond, nanos);
            default:
                return v;
        }
    }

    /** The reason a value was rejected for a type, as shown in the API. */
    public static String reason(ColumnType type) {
        return switch (type) {
            case INTEGER -> "not an integer";
            case DECIMAL -> "not a decimal";
            case BOOLEAN -> "not a boolean";
            case TIMESTAMP -> "not a timestamp";
            default -> "invalid value";
        };
    }
}
