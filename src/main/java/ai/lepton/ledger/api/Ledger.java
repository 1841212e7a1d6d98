package ai.lepton.ledger.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * A ledger that runs chaincode (Hyperledger Fabric contracts) and keeps its results on a tamper-evident chain.
 *
 * <p>Implementations are thread-safe. Chaincode failures (the contract threw) are not exceptions: they come back as a
 * {@link Receipt} or {@link Evaluation} with status {@link TxStatus#REJECTED}. A {@link LedgerException} means the
 * ledger itself could not do its job (closed, damaged, I/O failure).
 */
public interface Ledger extends AutoCloseable {

    /**
     * Endorses (simulates) the transaction as {@code who}, orders it into a block, validates it against the state at
     * commit time and commits it. Returns once the block holding it is durable, or at once when the contract rejected
     * it (such a transaction is never ordered, as on Fabric).
     *
     * @param who the submitting identity (its certificate must be issued by the ledger's MSP)
     * @param function {@code "Contract:function"} or a bare function name of the default contract
     * @param args the function's arguments, UTF-8
     */
    Receipt submit(LedgerIdentity who, String function, String... args);

    /**
     * Submits many transactions as {@code who}; they are endorsed in order and ordered into as few blocks as the
     * ledger allows. Returns one receipt per invocation, in the same order. Transactions of one call that touch the
     * same keys conflict exactly as concurrent submissions do on Fabric (the later one fails MVCC validation).
     */
    List<Receipt> submitAll(LedgerIdentity who, List<Invocation> invocations);

    /** Runs a read-only query as {@code who} against the committed state; nothing is ordered or written. */
    Evaluation evaluate(LedgerIdentity who, String function, String... args);

    /**
     * Delivers the chaincode events of valid transactions, in chain order, from block {@code fromBlock} (inclusive)
     * onwards, and keeps following new blocks until the subscription is closed. Delivery is on a thread of the
     * ledger's; a listener that throws ends its subscription (resume from your checkpoint). Events of a block are
     * delivered again when resuming from that block: deduplicate on {@link LedgerEvent#txId()}.
     */
    Subscription events(long fromBlock, Consumer<LedgerEvent> listener);

    /** Re-reads and re-hashes the whole chain and reports the first bad block, if any. */
    ChainVerification verify();

    /** Number of blocks committed (the next block's number). */
    long height();

    /** Commits what is pending, stops event delivery and releases the ledger's files. */
    @Override
    void close();
}
