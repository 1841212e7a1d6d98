package ai.lepton.ledger.api;

/**
 * Outcome of a submitted transaction. The names of the committed outcomes are Fabric's transaction validation codes.
 */
public enum TxStatus {
    /** Committed: its writes are applied and its event delivered. */
    VALID,
    /** In a block but invalid: a key it read was changed by a transaction committed before it. Nothing applied. */
    MVCC_READ_CONFLICT,
    /** In a block but invalid: a range it read gained, lost or changed keys before it committed. Nothing applied. */
    PHANTOM_READ_CONFLICT,
    /**
     * Never ordered: the contract returned an error, or the identity or request was refused at endorsement. The
     * receipt's message says why; its payload is the contract's error payload, if any.
     */
    REJECTED;

    /** Whether the transaction is in a block (valid or not). */
    public boolean ordered() {
        return this != REJECTED;
    }
}
