package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.Objects;

/**
 * The recorded answer to "may this project use this dataset for this purpose now?", keyed by the deciding
 * transaction's id (see {@link DataSharingContract#checkAccess}).
 *
 * <p>JSON: {@code {"allowed":true,"askedBy":{...},"dataset":"acme/sales","decidedAt":"...","expiresAt":"...",
 * "grantTxId":"...","project":"beta","purpose":"training","reason":"GRANTED","txId":"..."}} ({@code expiresAt} and
 * {@code grantTxId} only when a grant was found).
 *
 * @param txId the deciding transaction
 * @param dataset the dataset asked about
 * @param project the project asking to use it
 * @param purpose for what
 * @param allowed the answer
 * @param reason why
 * @param expiresAt the grant's expiry, or {@code null} when no grant was involved
 * @param grantTxId the transaction that last changed the grant consulted, or {@code null}
 * @param askedBy who asked
 * @param decidedAt the transaction's timestamp, against which expiry was judged
 */
public record AccessDecision(String txId, String dataset, String project, String purpose, boolean allowed,
        Reason reason, Instant expiresAt, String grantTxId, Party askedBy, Instant decidedAt) {

    /** Why access was allowed or denied. */
    public enum Reason {
        /** Allowed: the project owns the dataset. */
        OWNER,
        /** Allowed: an active grant for this purpose had not expired. */
        GRANTED,
        /** Denied: no grant for this project and purpose. */
        NO_GRANT,
        /** Denied: the grant was revoked. */
        REVOKED,
        /** Denied: the grant expired. */
        EXPIRED
    }

    public AccessDecision {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(askedBy, "askedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("txId", txId).put("dataset", dataset).put("project", project).put("purpose", purpose)
                .put("allowed", allowed).put("reason", reason.name())
                .put("expiresAt", expiresAt == null ? null : expiresAt.toString()).put("grantTxId", grantTxId)
                .put("askedBy", askedBy.json()).put("decidedAt", decidedAt.toString()).write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static AccessDecision fromJson(String json) {
        var o = Json.parseObject(json);
        String expiresAt = Json.optStr(o, "expiresAt");
        return new AccessDecision(Json.str(o, "txId"), Json.str(o, "dataset"), Json.str(o, "project"),
                Json.str(o, "purpose"), Json.bool(o, "allowed"), Reason.valueOf(Json.str(o, "reason")),
                expiresAt == null ? null : Instant.parse(expiresAt), Json.optStr(o, "grantTxId"),
                Party.from(Json.object(o, "askedBy")), Instant.parse(Json.str(o, "decidedAt")));
    }
}
