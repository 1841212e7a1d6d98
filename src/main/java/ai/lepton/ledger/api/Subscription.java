package ai.lepton.ledger.api;

/** A running event subscription; closing it stops delivery (a delivery in progress finishes first). */
public interface Subscription extends AutoCloseable {

    /** The next block whose events this subscription will deliver. */
    long nextBlock();

    /** Whether delivery has stopped (closed, the listener threw, or the ledger closed). */
    boolean closed();

    @Override
    void close();
}
