package ai.lepton.data.clean;

/**
 * A set of 128-bit row hashes in two parallel long arrays with open addressing: 17 bytes per slot, at most three quarters
 * full, so 23 to 45 bytes per distinct row and no object per row. With 128 bits, a false "duplicate" among a billion rows
 * has a probability of about 1e-21.
 */
public final class RowHashSet {

    private long[] hi;
    private long[] lo;
    private boolean[] used;
    private int size;
    private int mask;

    public RowHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 4 / 3)) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        hi = new long[cap];
        lo = new long[cap];
        used = new boolean[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /** Adds the hash; returns false when it was already present. */
    public boolean add(long h1, long h2) {
        if ((size + 1) * 4L > hi.length * 3L) {
            grow();
        }
        int i = (int) (h1 ^ (h1 >>> 32)) & mask;
        while (used[i]) {
            if (hi[i] == h1 && lo[i] == h2) {
                return false;
            }
            i = (i + 1) & mask;
        }
        used[i] = true;
        hi[i] = h1;
        lo[i] = h2;
        size++;
        return true;
    }

    private void grow() {
        long[] oldHi = hi;
        long[] oldLo = lo;
        boolean[] oldUsed = used;
        allocate(oldHi.length * 2);
        for (int j = 0; j < oldHi.length; j++) {
            if (oldUsed[j]) {
                int i = (int) (oldHi[j] ^ (oldHi[j] >>> 32)) & mask;
                while (used[i]) {
                    i = (i + 1) & mask;
                }
                used[i] = true;
                hi[i] = oldHi[j];
                lo[i] = oldLo[j];
            }
        }
    }
}
