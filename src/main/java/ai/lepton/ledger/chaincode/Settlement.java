package ai.lepton.ledger.chaincode;

import java.math.BigInteger;

/**
 * The settlement arithmetic of {@link ComputeLeaseContract}: exact integer arithmetic on minor currency units (cents),
 * with {@link #roundHalfEven round-half-even} applied once per amount. Plain Java, no ledger types.
 *
 * <pre>
 * charge = roundHalfEven(unitSeconds * pricePerUnitHourMinor / 3600)
 *
 * measured availability = availableSeconds / observedSeconds
 * shortfall (basis points) = max(0, targetBp - 10000 * availableSeconds / observedSeconds)
 * credit share (basis points of the charge) = min(10000, penaltyBpPerBp * shortfall)
 * credit = roundHalfEven(charge * creditShare / 10000)       -- never more than the charge
 * net = charge - credit
 * </pre>
 *
 * The shortfall and the credit share are kept as exact fractions (over {@code observedSeconds}); only the two amounts
 * are rounded, the credit from the already rounded charge (a credit is a share of what was invoiced).
 */
final class Settlement {

    static final long SECONDS_PER_HOUR = 3600;
    static final long FULL_BP = 10_000;

    private Settlement() {
    }

    /** The charge for {@code unitSeconds} of usage at {@code pricePerUnitHourMinor}, in minor units. */
    static long charge(long unitSeconds, long pricePerUnitHourMinor) {
        BigInteger exact = BigInteger.valueOf(unitSeconds).multiply(BigInteger.valueOf(pricePerUnitHourMinor));
        return roundHalfEven(exact, BigInteger.valueOf(SECONDS_PER_HOUR)).longValueExact();
    }

    /**
     * The SLA credit on {@code charge} when {@code availableSeconds / observedSeconds} fell below {@code targetBp}
     * (basis points of 100 %, so 9950 is 99.5 %), at {@code penaltyBpPerBp} basis points of the charge per basis
     * point of shortfall, capped at the whole charge.
     */
    static long credit(long charge, long targetBp, long penaltyBpPerBp, long observedSeconds, long availableSeconds) {
        BigInteger observed = BigInteger.valueOf(observedSeconds);
        // shortfall * observed, in basis points: targetBp * observed - 10000 * available
        BigInteger shortfallTimesObserved = BigInteger.valueOf(targetBp).multiply(observed)
                .subtract(BigInteger.valueOf(FULL_BP).multiply(BigInteger.valueOf(availableSeconds)));
        if (shortfallTimesObserved.signum() <= 0 || penaltyBpPerBp == 0 || charge == 0) {
            return 0;
        }
        // credit share * observed, in basis points, capped at 10000 * observed
        BigInteger shareTimesObserved = BigInteger.valueOf(penaltyBpPerBp).multiply(shortfallTimesObserved)
                .min(BigInteger.valueOf(FULL_BP).multiply(observed));
        BigInteger numerator = BigInteger.valueOf(charge).multiply(shareTimesObserved);
        BigInteger denominator = BigInteger.valueOf(FULL_BP).multiply(observed);
        return roundHalfEven(numerator, denominator).longValueExact();
    }

    /**
     * {@code numerator / denominator} rounded to the nearest integer, ties to the even neighbour (banker's rounding:
     * 0.5 to 0, 1.5 to 2, 2.5 to 2). Both must be non-negative, the denominator positive.
     */
    static BigInteger roundHalfEven(BigInteger numerator, BigInteger denominator) {
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("needs numerator >= 0 and denominator > 0");
        }
        BigInteger[] qr = numerator.divideAndRemainder(denominator);
        int half = qr[1].shiftLeft(1).compareTo(denominator);
        if (half > 0 || (half == 0 && qr[0].testBit(0))) {
            return qr[0].add(BigInteger.ONE);
        }
        return qr[0];
    }
}
