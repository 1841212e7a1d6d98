package ai.lepton.data.clean;

/**
 * A small open-addressing set of 64-bit hashes, used for exact distinct counts up to a cap. Zero is remapped, so it
 * needs no separate "used" array.
 */
public final class LongHashSet {

    private long[] slots;
    private int size;
    private int mask;

    public LongHashSet(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        slots = new long[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    /** Adds a hash; returns whether it was new. */
    public boolean add(long hash) {
        long h = hash == 0 ? 0x9E3779B97F4A7C15L : hash;
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int i = (int) (h ^ (h >>> 29)) & mask;
        while (slots[i] != 0) {
            if (slots[i] == h) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = h;
        size++;
        return true;
    }

    /** Calls {@code consumer} with every stored hash. */
    public void forEach(java.util.function.LongConsumer consumer) {
        for (long s : slots) {
            if (s != 0) {
                consumer.accept(s);
            }
        }
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = slots.length - 1;
        for (long h : old) {
            if (h != 0) {
                int i = (int) (h ^ (h >>> 29)) & mask;
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = h;
            }
        }
    }
}
