package ai.lepton.ledger.api;

import java.time.Instant;

/**
 * A lease in a list: the platform's record of it as of {@link #updatedAt()}, kept after every change made through
 * the platform. The ledger is the source of truth; fetch one lease for its current state and totals.
 *
 * @param leaseId the lease's id
 * @param state its state as last seen
 * @param provider the provider project
 * @param consumer the consumer project, or null while offered
 * @param terms the offer's terms (they never change)
 * @param offeredAt the offer's timestamp
 * @param updatedAt when the platform last saw the lease change
 */
public record LeaseSummary(String leaseId, String state, String provider, String consumer, LeaseTerms terms,
        Instant offeredAt, Instant updatedAt) {
}
