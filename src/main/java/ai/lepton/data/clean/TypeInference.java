package ai.lepton.data.clean;

import ai.lepton.data.api.ColumnType;
import ai.lepton.data.classify.PiiKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Decides a column's type and tags from its {@link ColumnStats}. */
public final class TypeInference {

    private final double threshold;
    private final int maxCategories;

    /**
     * @param threshold share of non-null values that must fit a type (0.9 means 90 %)
     * @param maxCategories most distinct values a categorical column may have
     */
    public TypeInference(double threshold, int maxCategories) {
        this.threshold = threshold;
        this.maxCategories = maxCategories;
    }

    public ColumnType decide(ColumnStats s) {
        long n = s.nonNull;
        if (n == 0) {
            return ColumnType.TEXT;
        }
        double need = threshold * n;
        if (s.decimals >= need) {
            if (s.integers == s.decimals) {
                if (timeNamed(s.name) && (s.epochSeconds == n || s.epochMillis == n)) {
                    return ColumnType.TIMESTAMP;
                }
                return ColumnType.INTEGER;
            }
            return ColumnType.DECIMAL;
        }
        if (s.booleans >= need) {
            return ColumnType.BOOLEAN;
        }
        if (s.timestamps >= need) {
            return ColumnType.TIMESTAMP;
        }
        return stringType(s);
    }

    /** CATEGORICAL or TEXT, for columns whose values stay strings (also masked or hashed personal data). */
    public ColumnType stringType(ColumnStats s) {
        long n = s.nonNull;
        if (n == 0) {
            return ColumnType.TEXT;
        }
        int distinct = s.distinctSeen();
        boolean few = !s.distinctOverflow() && distinct <= maxCategories && distinct <= Math.max(1, n / 2);
        return few && (double) s.totalLength / n <= 64 ? ColumnType.CATEGORICAL : ColumnType.TEXT;
    }

    /** {@code pii} plus each kind that matches at least half of the non-null values. */
    public static List<String> piiTags(ColumnStats s) {
        List<String> tags = new ArrayList<>();
        if (s.nonNull == 0) {
            return tags;
        }
        for (PiiKind k : PiiKind.values()) {
            if (s.piiCount(k) * 2 >= s.nonNull) {
                if (tags.isEmpty()) {
                    tags.add("pii");
                }
                tags.add(k.tag());
            }
        }
        return tags;
    }

    /** Epoch integers count as timestamps only in columns whose name says they are times. */
    static boolean timeNamed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith("time") || n.endsWith("timestamp") || n.equals("ts") || n.endsWith("_ts")
                || n.endsWith("date") || n.endsWith("epoch") || n.endsWith("_at");
    }
}
