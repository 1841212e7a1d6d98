package ai.lepton.ledger.embedded;

import java.util.Arrays;

/** A growable list of longs (block and transaction offsets: one per transaction, so no boxing). */
final class LongList {
    private long[] a = new long[1024];
    private int size;

    void add(long v) {
        if (size == a.length) {
            a = Arrays.copyOf(a, a.length * 2);
        }
        a[size++] = v;
    }

    long get(int i) {
        if (i >= size) {
            throw new IndexOutOfBoundsException(i + " >= " + size);
        }
        return a[i];
    }

    int size() {
        return size;
    }
}
