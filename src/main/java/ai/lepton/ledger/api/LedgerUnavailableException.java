package ai.lepton.ledger.api;

/**
 * The ledger could not be reached, or did not answer in time, after the configured retries: a transient condition
 * (the REST layer answers 503). Never means that a transaction failed or succeeded: when a transaction id is given,
 * the transaction may still commit, and its outcome can be looked up by that id once the ledger is back.
 */
public class LedgerUnavailableException extends LedgerException {

    private static final long serialVersionUID = 1L;

    private final String txId;
    private final int attempts;

    /**
     * @param message what was tried and what went wrong; it names the transaction id when there is one
     * @param txId the transaction concerned, or null when no transaction was created
     * @param attempts how many times the call was tried
     * @param cause the last failure
     */
    public LedgerUnavailableException(String message, String txId, int attempts, Throwable cause) {
        super(message, cause);
        this.txId = txId;
        this.attempts = attempts;
    }

    /** The transaction concerned, or null when the failure came before one was created. */
    public String txId() {
        return txId;
    }

    /** How many times the call was tried before giving up. */
    public int attempts() {
        return attempts;
    }
}
