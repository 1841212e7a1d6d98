package ai.lepton.ledger.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Result of a read-only query.
 *
 * @param txId the id the query ran under (never ordered)
 * @param status {@link TxStatus#VALID} when the contract succeeded, {@link TxStatus#REJECTED} otherwise
 * @param message the contract's response message (the error message when rejected), never null
 * @param payload the contract's return value (or error payload), never null
 */
public record Evaluation(String txId, TxStatus status, String message, byte[] payload) {

    public Evaluation {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        payload = payload == null ? new byte[0] : payload;
    }

    /** Whether the contract succeeded. */
    public boolean ok() {
        return status == TxStatus.VALID;
    }

    /** The payload as UTF-8 text. */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** This evaluation if it succeeded, otherwise a {@link LedgerException} with the contract's message. */
    public Evaluation orThrow() {
        if (!ok()) {
            throw new LedgerException("query " + txId + " rejected: " + message);
        }
        return this;
    }
}
