package ai.lepton.ledger.api;

import java.time.Instant;

/**
 * The ledger's recorded answer to "may this project use this dataset for this purpose now?" Every decision, allowed
 * or not, is written under its transaction id.
 *
 * @param txId the deciding transaction
 * @param blockNumber its block
 * @param dataset {@code <owner project>/<dataset>}
 * @param project the project that would use it
 * @param purpose what for
 * @param allowed the answer
 * @param reason {@code OWNER} or {@code GRANTED} (allowed); {@code NO_GRANT}, {@code REVOKED} or {@code EXPIRED}
 * @param expiresAt the consulted grant's expiry, or null when there was none
 * @param grantTxId the transaction that last changed the consulted grant, or null
 * @param askedBy who asked
 * @param decidedAt the transaction's timestamp, against which expiry was judged
 */
public record AccessDecisionView(String txId, Long blockNumber, String dataset, String project, String purpose,
        boolean allowed, String reason, Instant expiresAt, String grantTxId, LedgerParty askedBy, Instant decidedAt) {

    /** This decision with the block that holds it. */
    public AccessDecisionView inBlock(long block) {
        return new AccessDecisionView(txId, block, dataset, project, purpose, allowed, reason, expiresAt, grantTxId,
                askedBy, decidedAt);
    }
}
