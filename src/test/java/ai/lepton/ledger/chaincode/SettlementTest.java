package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The settlement arithmetic on its own: rounding and the edges of the credit formula. */
class SettlementTest {

    @ParameterizedTest(name = "{0}/{1} rounds half-even to {2}")
    @CsvSource({"0, 7, 0", "1, 2, 0", "3, 2, 2", "5, 2, 2", "7, 2, 4", "9, 2, 4", "2, 3, 1", "1, 3, 0", "5, 3, 2",
        "249, 100, 2", "250, 100, 2", "251, 100, 3", "350, 100, 4", "12, 4, 3"})
    void roundsHalfToEven(long numerator, long denominator, long expected) {
        assertThat(Settlement.roundHalfEven(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator)))
                .isEqualTo(BigInteger.valueOf(expected));
    }

    @Test
    void refusesNegativeNumeratorsAndNonPositiveDenominators() {
        assertThatThrownBy(() -> Settlement.roundHalfEven(BigInteger.valueOf(-1), BigInteger.ONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Settlement.roundHalfEven(BigInteger.ONE, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestLeaseFitsALong() {
        // 100000 units for 10 years of leap years at 10^9 minor units per unit-hour
        long unitSeconds = LeaseTerms.MAX_QUANTITY * LeaseTerms.MAX_LEASE_SECONDS;
        assertThat(Settlement.charge(unitSeconds, LeaseTerms.MAX_PRICE)).isEqualTo(8_784_000_000_000_000_000L);
    }

    @Test
    void noCreditWithoutPenaltyOrCharge() {
        assertThat(Settlement.credit(1000, 9950, 0, 100, 0)).isZero();
        assertThat(Settlement.credit(0, 9950, 20, 100, 0)).isZero();
        assertThat(Settlement.credit(1000, 0, 20, 100, 0)).isZero();
    }

    @Test
    void theCreditGrowsLinearlyWithTheShortfallUpToTheCharge() {
        // target 99 %, 100 bp of credit per bp short: 1 % short = the whole charge
        assertThat(Settlement.credit(10_000, 9900, 100, 10_000, 9_900)).isZero();
        assertThat(Settlement.credit(10_000, 9900, 100, 10_000, 9_899)).isEqualTo(100);
        assertThat(Settlement.credit(10_000, 9900, 100, 10_000, 9_850)).isEqualTo(5_000);
        assertThat(Settlement.credit(10_000, 9900, 100, 10_000, 9_800)).isEqualTo(10_000);
        assertThat(Settlement.credit(10_000, 9900, 100, 10_000, 0)).isEqualTo(10_000);
    }
}
