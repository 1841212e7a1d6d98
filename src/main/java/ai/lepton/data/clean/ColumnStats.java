package ai.lepton.data.clean;

import ai.lepton.data.classify.PiiDetector;
import ai.lepton.data.classify.PiiKind;

/** What the first pass learns about one column: how many values fit each type and each kind of personal data. */
public final class ColumnStats {

    final String name;
    long nonNull;
    long integers;
    long decimals;
    long booleans;
    long timestamps;
    long epochSeconds;
    long epochMillis;
    long totalLength;
    final long[] pii = new long[PiiKind.values().length];
    private final LongHashSet distinct = new LongHashSet(64);
    private final int distinctCap;
    private boolean distinctOverflow;
    private final long[] ts = new long[2];

    public ColumnStats(String name, int maxCategories) {
        this.name = name;
        this.distinctCap = maxCategories + 1;
    }

    public String name() {
        return name;
    }

    public long nonNull() {
        return nonNull;
    }

    /** Distinct non-null values (by 64-bit hash), exact up to {@code maxCategories + 1}. */
    public int distinctSeen() {
        return distinct.size();
    }

    public boolean distinctOverflow() {
        return distinctOverflow;
    }

    public long piiCount(PiiKind kind) {
        return pii[kind.ordinal()];
    }

    /** Records one normalised, non-null value. */
    public void add(String v) {
        nonNull++;
        totalLength += v.length();
        if (!distinctOverflow) {
            distinct.add(Murmur3.hash64(v));
            if (distinct.size() > distinctCap) {
                distinctOverflow = true;
            }
        }
        char c0 = v.charAt(0);
        boolean numericStart = (c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+' || c0 == '.';
        if (numericStart && Values.isDecimal(v)) {
            decimals++;
            if (Values.isInteger(v)) {
                integers++;
                long x = Long.parseLong(v.charAt(0) == '+' ? v.substring(1) : v);
                if (x >= 1_000_000_000L && x < 10_000_000_000L) {
                    epochSeconds++;
                } else if (x >= 1_000_000_000_000L && x < 10_000_000_000_000L) {
                    epochMillis++;
                }
            }
        } else if (v.length() <= 5 && Values.parseBoolean(v) != null) {
            booleans++;
        } else if (v.length() >= 10 && Values.parseTimestamp(v, ts)) {
            timestamps++;
        }
        PiiKind kind = PiiDetector.detect(v);
        if (kind != null) {
            pii[kind.ordinal()]++;
        }
    }
}
