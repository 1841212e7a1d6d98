package ai.lepton.ledger.api;

import java.time.Instant;

/**
 * A compute lease as the ledger holds it ({@code ComputeLease:get}). States: {@code OFFERED -> ACTIVE -> SETTLED},
 * or {@code TERMINATED} from either.
 *
 * @param leaseId the provider's id for it
 * @param state {@code OFFERED}, {@code ACTIVE}, {@code SETTLED} or {@code TERMINATED}
 * @param provider who offered it
 * @param consumer who accepted it; null while offered
 * @param terms the offer's terms
 * @param offeredAt the offer's timestamp
 * @param offerTxId the offer's transaction
 * @param startsAt the acceptance: period 0 starts here; null while offered
 * @param endsAt the end of the full term, or the termination; null while offered
 * @param terminatedAt when it was terminated, or null
 * @param terminatedBy who terminated it, or null
 * @param periodsDue periods to settle: the term's, or those begun before a termination
 * @param settledPeriods periods settled so far (0 to settledPeriods - 1)
 * @param chargeMinor total charge of the settled periods, minor units
 * @param creditMinor total SLA credit of the settled periods, minor units
 * @param netMinor {@code chargeMinor - creditMinor}
 * @param txId the transaction that returned this view (offer, accept, terminate); null on reads
 * @param blockNumber that transaction's block; null on reads
 */
public record LeaseView(String leaseId, String state, LedgerParty provider, LedgerParty consumer, LeaseTerms terms,
        Instant offeredAt, String offerTxId, Instant startsAt, Instant endsAt, Instant terminatedAt,
        LedgerParty terminatedBy, long periodsDue, long settledPeriods, long chargeMinor, long creditMinor,
        long netMinor, String txId, Long blockNumber) {

    /** This view as the answer of transaction {@code txId} in block {@code blockNumber}. */
    public LeaseView submittedIn(String txId, long blockNumber) {
        return new LeaseView(leaseId, state, provider, consumer, terms, offeredAt, offerTxId, startsAt, endsAt,
                terminatedAt, terminatedBy, periodsDue, settledPeriods, chargeMinor, creditMinor, netMinor, txId,
                blockNumber);
    }
}
