package ai.lepton.ml.telemetry;

/**
 * Minimum and maximum of the most recent values of a stream, in constant memory: values are grouped in blocks and
 * only each block's extremes are kept, so the window covers the last {@code blocks} complete blocks plus the block
 * being filled (between {@code blocks * blockSize} and {@code (blocks + 1) * blockSize - 1} values).
 */
final class SlidingRange {

    private final int blockSize;
    private final double[] blockMin;
    private final double[] blockMax;
    private int completeBlocks;
    private int nextBlock;
    private double ringMin = Double.POSITIVE_INFINITY;
    private double ringMax = Double.NEGATIVE_INFINITY;
    private double currentMin = Double.POSITIVE_INFINITY;
    private double currentMax = Double.NEGATIVE_INFINITY;
    private int inCurrent;
    private long count;

    /** A window of about {@code points} values, kept as at most 64 blocks. */
    static SlidingRange of(int points) {
        int blockSize = Math.max(1, (points + 63) / 64);
        return new SlidingRange(Math.max(1, (points + blockSize - 1) / blockSize), blockSize);
    }

    SlidingRange(int blocks, int blockSize) {
        this.blockSize = blockSize;
        this.blockMin = new double[blocks];
        this.blockMax = new double[blocks];
    }

    void add(double v) {
        currentMin = Math.min(currentMin, v);
        currentMax = Math.max(currentMax, v);
        count++;
        if (++inCurrent == blockSize) {
            blockMin[nextBlock] = currentMin;
            blockMax[nextBlock] = currentMax;
            nextBlock = (nextBlock + 1) % blockMin.length;
            completeBlocks = Math.min(completeBlocks + 1, blockMin.length);
            ringMin = Double.POSITIVE_INFINITY;
            ringMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < completeBlocks; i++) {
                ringMin = Math.min(ringMin, blockMin[i]);
                ringMax = Math.max(ringMax, blockMax[i]);
            }
            currentMin = Double.POSITIVE_INFINITY;
            currentMax = Double.NEGATIVE_INFINITY;
            inCurrent = 0;
        }
    }

    /** Values seen so far (not only those still in the window). */
    long count() {
        return count;
    }

    double min() {
        return Math.min(ringMin, currentMin);
    }

    double max() {
        return Math.max(ringMax, currentMax);
    }

    /**
     * How far {@code v} lies outside the window's range widened by {@code allowance} on each side, in units of the
     * range (0 inside it). A flat window has a tiny range, so any departure from it counts as far outside.
     */
    double excess(double v, boolean upOnly, double allowance) {
        double lo = min();
        double hi = max();
        double scale = Math.max(hi - lo, 1e-9 + 1e-6 * Math.abs(hi));
        double out = upOnly ? v - hi - allowance : Math.max(v - hi - allowance, lo - v - allowance);
        return Math.max(0.0, out) / scale;
    }
}
