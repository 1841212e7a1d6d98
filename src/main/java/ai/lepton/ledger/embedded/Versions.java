package ai.lepton.ledger.embedded;

/** A key's version is the height of the transaction that last wrote it, Fabric's (block, tx) pair, packed. */
final class Versions {

    static final long NONE = -1;
    static final int TX_BITS = 24;
    static final int MAX_TX_PER_BLOCK = 1 << TX_BITS;

    private Versions() {
    }

    static long of(long block, int tx) {
        return block << TX_BITS | tx;
    }

    static long block(long version) {
        return version >>> TX_BITS;
    }

    static int tx(long version) {
        return (int) (version & (MAX_TX_PER_BLOCK - 1));
    }
}
