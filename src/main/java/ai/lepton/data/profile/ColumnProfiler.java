package ai.lepton.data.profile;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ValueCount;
import ai.lepton.data.clean.LongHashSet;
import ai.lepton.data.clean.Murmur3;
import ai.lepton.data.clean.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Accumulates one column's profile over the stored rows, in bounded memory. */
public final class ColumnProfiler {

    /** Below this many distinct values the count is exact. */
    public static final int EXACT_DISTINCT = 4096;
    private static final int TOP = 10;

    private final String name;
    private final ColumnType type;
    private long count;
    private long nulls;
    // exact distinct count by 64-bit value hash until EXACT_DISTINCT, then HyperLogLog (fed with the exact set)
    private LongHashSet exact = new LongHashSet(64);
    private HyperLogLog hll;
    // Welford's online mean and variance
    private long n;
    private double mean;
    private double m2;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long minSec = Long.MAX_VALUE;
    private long minNano;
    private long maxSec = Long.MIN_VALUE;
    private long maxNano;
    private final Map<String, long[]> frequencies;

    public ColumnProfiler(String name, ColumnType type) {
        this.name = name;
        this.type = type;
        this.frequencies = type == ColumnType.CATEGORICAL || type == ColumnType.BOOLEAN ? new HashMap<>() : null;
    }

    public void addNull() {
        count++;
        nulls++;
    }

    /** A non-null canonical value; {@code number} for numeric columns, epoch for timestamps. */
    public void add(String value, double number, long epochSecond, long nanos) {
        count++;
        if (frequencies == null) {
            long h;
            if (type.numeric()) {
                h = Murmur3.fmix64(Double.doubleToLongBits(number == 0 ? 0.0 : number));
            } else if (type == ColumnType.TIMESTAMP) {
                h = Murmur3.fmix64(epochSecond * 1_000_000_007L + nanos);
            } else {
                h = Murmur3.hash64(value);
            }
            if (exact != null) {
                exact.add(h);
                if (exact.size() > EXACT_DISTINCT) {
                    hll = new HyperLogLog(14);
                    exact.forEach(hll::add);
                    exact = null;
                }
            } else {
                hll.add(h);
            }
        }
        if (type.numeric()) {
            n++;
            double delta = number - mean;
            mean += delta / n;
            m2 += delta * (number - mean);
            min = Math.min(min, number);
            max = Math.max(max, number);
        } else if (type == ColumnType.TIMESTAMP) {
            if (epochSecond < minSec || (epochSecond == minSec && nanos < minNano)) {
                minSec = epochSecond;
                minNano = nanos;
            }
            if (epochSecond > maxSec || (epochSecond == maxSec && nanos > maxNano)) {
                maxSec = epochSecond;
                maxNano = nanos;
            }
        } else if (frequencies != null) {
            frequencies.computeIfAbsent(value, k -> new long[1])[0]++;
        }
    }

    public ColumnProfile result() {
        long distinct = frequencies != null ? frequencies.size() : exact != null ? exact.size() : hll.estimate();
        boolean numbers = type.numeric() && n > 0;
        boolean times = type == ColumnType.TIMESTAMP && minSec != Long.MAX_VALUE;
        List<ValueCount> top = new ArrayList<>();
        if (frequencies != null) {
            frequencies.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparing(Map.Entry::getKey))
                    .limit(TOP)
                    .forEach(e -> top.add(new ValueCount(e.getKey(), e.getValue()[0])));
        }
        return new ColumnProfile(name, type, count, nulls, distinct,
                numbers ? min : null, numbers ? max : null, numbers ? mean : null,
                numbers ? Math.sqrt(m2 / n) : null,
                times ? Values.instant(minSec, minNano) : null, times ? Values.instant(maxSec, maxNano) : null, top);
    }
}
