package ai.lepton.ledger.api;

import java.time.Instant;

/**
 * A data-sharing grant as the ledger holds it ({@code DataSharing} contract). One per dataset, grantee and purpose;
 * granting again replaces the expiry and re-activates a revoked grant.
 *
 * @param dataset {@code <owner project>/<dataset>}
 * @param ownerProject the dataset's owner
 * @param grantee the project granted access
 * @param purpose what for
 * @param expiresAt access ends at this instant (exclusive)
 * @param status {@code ACTIVE} or {@code REVOKED}; expiry is not a stored status (see {@link #expired()})
 * @param expired whether {@code expiresAt} has passed by the server's clock, for display: the ledger judges expiry
 *     against each access check's transaction timestamp
 * @param grantedBy who granted it last
 * @param grantedAt when
 * @param txId the transaction that last granted or revoked it
 * @param revokedBy who revoked it, or null
 * @param revokedAt when, or null
 */
public record GrantView(String dataset, String ownerProject, String grantee, String purpose, Instant expiresAt,
        String status, boolean expired, LedgerParty grantedBy, Instant grantedAt, String txId, LedgerParty revokedBy,
        Instant revokedAt) {

    /** This view with {@link #expired()} judged at {@code now}. */
    public GrantView judgedAt(Instant now) {
        return new GrantView(dataset, ownerProject, grantee, purpose, expiresAt, status, !now.isBefore(expiresAt),
                grantedBy, grantedAt, txId, revokedBy, revokedAt);
    }
}
