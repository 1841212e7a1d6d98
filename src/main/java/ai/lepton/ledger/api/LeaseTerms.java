package ai.lepton.ledger.api;

import java.util.Map;

/**
 * What a compute provider offers, as the {@code ComputeLease} contract records it; fixed by the offer. Amounts are
 * integers in the currency's minor unit (cents), rates in basis points.
 *
 * @param target the node or pool the capacity is on
 * @param resources what one unit provides: camelCase names to non-negative integers (e.g. {@code gpuMemoryGiB: 80})
 * @param unit the unit priced and metered (a slug such as {@code gpu})
 * @param quantity units offered, 1 to 100,000
 * @param currency ISO 4217 code (upper case)
 * @param pricePerUnitHourMinor price of one unit for one hour, minor units, 0 to 10^9
 * @param periodSeconds length of a settlement period, 60 s to 366 days
 * @param periods number of periods, 1 to 10,000 (the whole term at most 10 * 366 days)
 * @param availabilityTargetBp SLA availability target in basis points of 100 % (9950 = 99.5 %)
 * @param penaltyBpPerBp SLA credit, in basis points of a period's charge, per basis point of shortfall
 */
public record LeaseTerms(Target target, Map<String, Long> resources, String unit, Long quantity, String currency,
        Long pricePerUnitHourMinor, Long periodSeconds, Long periods, Long availabilityTargetBp, Long penaltyBpPerBp) {

    /**
     * Where the capacity is.
     *
     * @param kind {@code node} or {@code pool}
     * @param name the node's or pool's name (a slug)
     */
    public record Target(String kind, String name) {
    }
}
