package ai.lepton.data.profile;

/**
 * HyperLogLog distinct counter (Flajolet et al. 2007) with the small-range linear-counting correction; precision 14
 * gives 16,384 one-byte registers and a standard error of about 0.8 %.
 */
public final class HyperLogLog {

    private final int p;
    private final int m;
    private final byte[] registers;

    public HyperLogLog(int precision) {
        if (precision < 4 || precision > 18) {
            throw new IllegalArgumentException("precision must be 4..18");
        }
        this.p = precision;
        this.m = 1 << precision;
        this.registers = new byte[m];
    }

    /** Adds an element by its 64-bit hash (the hash must be well mixed). */
    public void add(long hash) {
        int idx = (int) (hash >>> (64 - p));
        long rest = hash << p;
        int rank = rest == 0 ? 64 - p + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[idx]) {
            registers[idx] = (byte) rank;
        }
    }

    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / m);
        double e = alpha * m * m / sum;
        if (e <= 2.5 * m && zeros > 0) {
            e = m * Math.log((double) m / zeros);
        }
        return Math.round(e);
    }
}
