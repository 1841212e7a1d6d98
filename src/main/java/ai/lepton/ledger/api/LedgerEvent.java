package ai.lepton.ledger.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A chaincode event ({@code ctx.getStub().setEvent(name, payload)}) of a valid, committed transaction.
 *
 * @param blockNumber the block holding the transaction: the checkpoint to resume from
 * @param txIndex the transaction's position in its block
 * @param txId the transaction id: deduplicate on it when resuming from a block already partly handled
 * @param name the event name
 * @param payload the event payload, never null
 * @param timestamp the transaction's timestamp
 */
public record LedgerEvent(long blockNumber, int txIndex, String txId, String name, byte[] payload,
        Instant timestamp) {

    public LedgerEvent {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
        payload = payload == null ? new byte[0] : payload;
    }

    /** The payload as UTF-8 text. */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
