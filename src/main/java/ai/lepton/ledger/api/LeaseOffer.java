package ai.lepton.ledger.api;

import java.util.Map;

/**
 * A provider's offer: the {@link LeaseTerms} and, optionally, the lease's id. The id is unique on the ledger; give one
 * to make a retried offer safe (the same provider and terms again return the lease unchanged), or leave it out to
 * have one generated.
 *
 * @param leaseId {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}, or null for a generated one
 * @param target see {@link LeaseTerms}
 * @param resources see {@link LeaseTerms}; null means none
 * @param unit see {@link LeaseTerms}
 * @param quantity see {@link LeaseTerms}
 * @param currency see {@link LeaseTerms}
 * @param pricePerUnitHourMinor see {@link LeaseTerms}
 * @param periodSeconds see {@link LeaseTerms}
 * @param periods see {@link LeaseTerms}
 * @param availabilityTargetBp see {@link LeaseTerms}
 * @param penaltyBpPerBp see {@link LeaseTerms}
 */
public record LeaseOffer(String leaseId, LeaseTerms.Target target, Map<String, Long> resources, String unit,
        Long quantity, String currency, Long pricePerUnitHourMinor, Long periodSeconds, Long periods,
        Long availabilityTargetBp, Long penaltyBpPerBp) {

    /** The terms of this offer. */
    public LeaseTerms toTerms() {
        return new LeaseTerms(target, resources == null ? Map.of() : resources, unit, quantity, currency,
                pricePerUnitHourMinor, periodSeconds, periods, availabilityTargetBp, penaltyBpPerBp);
    }
}
