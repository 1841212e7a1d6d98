package ai.lepton.ledger.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What became of a submitted transaction.
 *
 * @param txId the transaction id (64 hex characters, as on Fabric)
 * @param blockNumber the block holding it, or -1 when it was {@link TxStatus#REJECTED} and never ordered
 * @param status valid, invalid with Fabric's validation code, or rejected at endorsement
 * @param message the contract's response message (the error message when rejected), never null
 * @param payload the contract's response payload (its return value, or its error payload), never null
 * @param events the chaincode event the transaction set (at most one, as on Fabric); empty unless valid
 */
public record Receipt(String txId, long blockNumber, TxStatus status, String message, byte[] payload,
        List<LedgerEvent> events) {

    public Receipt {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        payload = payload == null ? new byte[0] : payload;
        events = List.copyOf(events);
    }

    /** Whether the transaction committed and its writes were applied. */
    public boolean valid() {
        return status == TxStatus.VALID;
    }

    /** The payload as UTF-8 text. */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** This receipt if valid, otherwise a {@link LedgerException} naming the transaction, status and message. */
    public Receipt orThrow() {
        if (!valid()) {
            throw new LedgerException("transaction " + txId + " " + status
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return this;
    }

    @Override
    public String toString() {
        return "Receipt[" + txId + ", block " + blockNumber + ", " + status
                + (message.isEmpty() ? "" : ", " + message) + ", " + payload.length + " payload bytes]";
    }
}
