package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.Objects;

/**
 * Permission for a project to use a dataset for one purpose until an instant (see {@link DataSharingContract}). One
 * grant per dataset, grantee and purpose; granting again replaces its expiry and re-activates it.
 *
 * <p>JSON: {@code {"dataset":"acme/sales","expiresAt":"...","grantedAt":"...","grantedBy":{...},"grantee":"beta",
 * "ownerProject":"acme","purpose":"training","revokedAt":"...","revokedBy":{...},"status":"ACTIVE","txId":"..."}}
 * ({@code revokedAt} and {@code revokedBy} only once revoked).
 *
 * @param dataset {@code <owner project>/<dataset>}
 * @param ownerProject the dataset's owner
 * @param grantee the project granted access
 * @param purpose what for (a slug such as {@code training}, {@code evaluation}, {@code inference})
 * @param expiresAt access ends at this instant (exclusive)
 * @param status {@code ACTIVE} or {@code REVOKED} (expiry is judged against each decision's timestamp, not stored)
 * @param grantedBy who granted it last
 * @param grantedAt when
 * @param txId the last grant's or revocation's transaction
 * @param revokedBy who revoked it, or {@code null}
 * @param revokedAt when, or {@code null}
 */
public record Grant(String dataset, String ownerProject, String grantee, String purpose, Instant expiresAt,
        Status status, Party grantedBy, Instant grantedAt, String txId, Party revokedBy, Instant revokedAt) {

    /** Whether a grant is in force (before its expiry) or was revoked. */
    public enum Status {
        /** Granted, and not revoked since. */
        ACTIVE,
        /** Revoked. */
        REVOKED
    }

    public Grant {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(ownerProject, "ownerProject");
        Objects.requireNonNull(grantee, "grantee");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(txId, "txId");
    }

    Grant revoked(Party by, Instant at, String tx) {
        return new Grant(dataset, ownerProject, grantee, purpose, expiresAt, Status.REVOKED, grantedBy, grantedAt, tx,
                by, at);
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("dataset", dataset).put("ownerProject", ownerProject).put("grantee", grantee)
                .put("purpose", purpose).put("expiresAt", expiresAt.toString()).put("status", status.name())
                .put("grantedBy", grantedBy.json()).put("grantedAt", grantedAt.toString()).put("txId", txId)
                .put("revokedBy", revokedBy == null ? null : revokedBy.json())
                .put("revokedAt", revokedAt == null ? null : revokedAt.toString()).write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static Grant fromJson(String json) {
        var o = Json.parseObject(json);
        String revokedAt = Json.optStr(o, "revokedAt");
        return new Grant(Json.str(o, "dataset"), Json.str(o, "ownerProject"), Json.str(o, "grantee"),
                Json.str(o, "purpose"), Instant.parse(Json.str(o, "expiresAt")), Status.valueOf(Json.str(o, "status")),
                Party.from(Json.object(o, "grantedBy")), Instant.parse(Json.str(o, "grantedAt")), Json.str(o, "txId"),
                Party.from(Json.optObject(o, "revokedBy")), revokedAt == null ? null : Instant.parse(revokedAt));
    }
}
