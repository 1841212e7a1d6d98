package ai.lepton.ledger.api;

/** The ledger could not do what was asked: it is closed, damaged, misconfigured, or its storage failed. */
public class LedgerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LedgerException(String message) {
        super(message);
    }

    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
