package ai.lepton.ledger.api;

import java.time.Instant;

/**
 * One settlement period of a lease: its window and, once reported and settled, its usage and amounts.
 *
 * <p>{@code status}: {@code UPCOMING} or {@code RUNNING} (by the server's clock), {@code ENDED} (waiting for its
 * usage report), {@code REPORTED} (usage on the ledger, not settled), {@code SETTLED}.
 *
 * @param leaseId the lease
 * @param period the period's index, from 0
 * @param status where the period stands
 * @param startsAt the period's start
 * @param endsAt its end (exclusive): a full period later, or the termination if earlier
 * @param usage the usage the operator reported, or null
 * @param settlement the settlement, or null
 */
public record LeasePeriodView(String leaseId, long period, String status, Instant startsAt, Instant endsAt,
        Usage usage, Settlement settlement) {

    /**
     * A period's reported usage. Availability is {@code availableSeconds / observedSeconds}.
     *
     * @param unitSeconds units used times seconds used
     * @param observedSeconds seconds during which availability was measured
     * @param availableSeconds of those, the seconds the capacity was available
     * @param reportedBy the operator identity that reported it
     * @param reportedAt the report's timestamp
     * @param txId the report's transaction
     */
    public record Usage(long unitSeconds, long observedSeconds, long availableSeconds, LedgerParty reportedBy,
            Instant reportedAt, String txId) {
    }

    /**
     * A settled period's amounts, exact in minor units, each rounded half-even once.
     *
     * @param currency ISO 4217 code
     * @param pricePerUnitHourMinor the lease's price
     * @param chargeMinor {@code roundHalfEven(unitSeconds * price / 3600)}
     * @param availabilityTargetBp the lease's SLA target
     * @param penaltyBpPerBp the lease's penalty rate
     * @param creditMinor the SLA credit, at most the charge
     * @param netMinor {@code chargeMinor - creditMinor}
     * @param rounding {@code HALF_EVEN}
     * @param settledBy who settled it
     * @param settledAt the settlement's timestamp
     * @param txId the settlement's transaction
     */
    public record Settlement(String currency, long pricePerUnitHourMinor, long chargeMinor, long availabilityTargetBp,
            long penaltyBpPerBp, long creditMinor, long netMinor, String rounding, LedgerParty settledBy,
            Instant settledAt, String txId) {
    }
}
