package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.Objects;

/**
 * A digest anchored for one version of a subject.
 *
 * <p>JSON: {@code {"anchoredAt":"2025-05-01T10:00:00Z","anchoredBy":{...},"metadata":{...},"sha256":"<64 hex>",
 * "subject":"dataset:acme/sales/3","txId":"..."}}.
 *
 * @param subject the subject version, e.g. {@code dataset:acme/sales/3}
 * @param sha256 the content digest, 64 lower-case hex digits
 * @param metadataJson the caller's metadata, a canonical JSON object
 * @param anchoredBy who anchored it
 * @param anchoredAt the anchoring transaction's timestamp
 * @param txId the anchoring transaction
 */
public record Anchor(String subject, String sha256, String metadataJson, Party anchoredBy, Instant anchoredAt,
        String txId) {

    public Anchor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(metadataJson, "metadataJson");
        Objects.requireNonNull(anchoredBy, "anchoredBy");
        Objects.requireNonNull(anchoredAt, "anchoredAt");
        Objects.requireNonNull(txId, "txId");
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("subject", subject).put("sha256", sha256).put("metadata", new Json.Raw(metadataJson))
                .put("anchoredBy", anchoredBy.json()).put("anchoredAt", anchoredAt.toString()).put("txId", txId)
                .write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static Anchor fromJson(String json) {
        var o = Json.parseObject(json);
        return new Anchor(Json.str(o, "subject"), Json.str(o, "sha256"), Json.write(Json.object(o, "metadata")),
                Party.from(Json.object(o, "anchoredBy")), Instant.parse(Json.str(o, "anchoredAt")),
                Json.str(o, "txId"));
    }
}
