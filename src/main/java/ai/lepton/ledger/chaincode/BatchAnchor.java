package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.Objects;

/**
 * A Merkle root anchored for a batch of digests (built off-chain; proving one digest's inclusion is off-chain too).
 *
 * <p>JSON: {@code {"anchoredAt":"...","anchoredBy":{...},"count":1000,"merkleRoot":"<64 hex>","metadata":{...},
 * "txId":"..."}}.
 *
 * @param merkleRoot the root, 64 lower-case hex digits
 * @param count how many leaves the tree has
 * @param metadataJson the caller's metadata, a canonical JSON object (for example the tree's hashing rule)
 * @param anchoredBy who anchored it
 * @param anchoredAt the anchoring transaction's timestamp
 * @param txId the anchoring transaction
 */
public record BatchAnchor(String merkleRoot, long count, String metadataJson, Party anchoredBy, Instant anchoredAt,
        String txId) {

    public BatchAnchor {
        Objects.requireNonNull(merkleRoot, "merkleRoot");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(anchoredBy, "anchoredBy");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        Objects.requireNonNull(txId, "txId");
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("merkleRoot", merkleRoot).put("count", count).put("metadata", new Json.Raw(metadataJson))
                .put("anchoredBy", anchoredBy.json()).put("anchoredAt", anchoredAt.toString()).put("txId", txId)
                .write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static BatchAnchor fromJson(String json) {
        var o = Json.parseObject(json);
        return new BatchAnchor(Json.str(o, "merkleRoot"), Json.lng(o, "count"), Json.write(Json.object(o, "metadata")),
                Party.from(Json.object(o, "anchoredBy")), Instant.parse(Json.str(o, "anchoredAt")),
                Json.str(o, "txId"));
    }
}
