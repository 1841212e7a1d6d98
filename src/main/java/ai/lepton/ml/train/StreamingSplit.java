package ai.lepton.ml.train;

import ai.lepton.ml.api.Split;
import java.util.Arrays;

/**
 * Assigns rows to train, validation or test one at a time, without holding them: a uniform draw hashed from the seed
 * and the row's index, held to a running quota per stratum (per label for classification, one stratum otherwise), so
 * that every stratum is split in the requested proportions to within {@link #SLACK} + 1 rows however long the
 * stream and in whatever order its rows come. The same seed and the same rows give the same assignment.
 *
 * <p>The first row of each stratum goes to train when the train fraction is not zero, so that a class with a single
 * row is still known to the model (the in-memory split rounded it to train too).
 */
public final class StreamingSplit {

    /** Train split. */
    public static final int TRAIN = 0;
    /** Validation split. */
    public static final int VALIDATION = 1;
    /** Test split. */
    public static final int TEST = 2;

    /** How far (in rows) the draw may take a split past its quota before the quota decides. */
    static final double SLACK = 2.0;

    private final double[] fractions;
    private final long seed;
    private long[][] counts = new long[4][];

    public StreamingSplit(Split split) {
        this.fractions = new double[] {split.train(), split.validation(), split.test()};
        this.seed = split.seed();
    }

    /**
     * The split of row {@code row} (its index in the stream) in stratum {@code stratum} (a small index: 0 for an
     * unstratified split, the label's index otherwise).
     */
    public int assign(long row, int stratum) {
        if (stratum >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(stratum + 1, counts.length * 2));
        }
        long[] c = counts[stratum];
        if (c == null) {
            c = counts[stratum] = new long[3];
        }
        long n = c[0] + c[1] + c[2] + 1;
        int s;
        if (c[TRAIN] == 0 && fractions[TRAIN] > 0) {
            s = TRAIN;
        } else {
            s = draw(uniform(seed, row));
            // quota: a split that has fallen behind by more than the slack takes the row; one that would get ahead by
            // more than the slack gives it to the split furthest behind
            int behind = mostBehind(c, n);
            if (n * fractions[behind] - c[behind] > SLACK || c[s] + 1 > n * fractions[s] + SLACK) {
                s = behind;
            }
        }
        c[s]++;
        return s;
    }

    /** Rows assigned so far to split {@code s} in stratum {@code stratum}. */
    public long count(int stratum, int s) {
        return stratum < counts.length && counts[stratum] != null ? counts[stratum][s] : 0;
    }

    private int draw(double u) {
        if (u < fractions[TRAIN]) {
            return TRAIN;
        }
        return u < fractions[TRAIN] + fractions[VALIDATION] ? VALIDATION : TEST;
    }

    private int mostBehind(long[] c, long n) {
        int best = TRAIN;
        double most = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < 3; s++) {
            double deficit = n * fractions[s] - c[s];
            if (fractions[s] > 0 && deficit > most) {
                most = deficit;
                best = s;
            }
        }
        return best;
    }

    /** A uniform draw in [0, 1) from the seed and an index (SplitMix64's finaliser). */
    static double uniform(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
