package ai.lepton.ledger.chaincode;

/**
 * A compute lease's life: {@code OFFERED -> ACTIVE -> SETTLED}, or {@code TERMINATED} from either of the first two.
 */
public enum LeaseState {
    /** The provider offered it; nobody has accepted it yet. */
    OFFERED,
    /** A consumer accepted it; its periods run from the acceptance. */
    ACTIVE,
    /** Every period of the full term is settled. Final. */
    SETTLED,
    /**
     * Ended early by a party or the operator (or an offer withdrawn). No further period begins; periods that had
     * begun are still reported and settled, and the lease stays {@code TERMINATED}. Final.
     */
    TERMINATED
}
