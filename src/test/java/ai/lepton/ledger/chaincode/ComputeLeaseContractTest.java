package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ComputeLeaseContract} through the shim's contract routing on a {@link TestPeer}. The provider is a partner
 * organisation's identity, the consumer a member of project beta, usage comes from the operator.
 */
class ComputeLeaseContractTest extends ChaincodeTestSupport {

    static final long DAY = 86_400;

    /** 4 GPUs of a pool at 2.50 EUR per GPU-hour, three daily periods, 99.5 % target, 20 bp credit per bp short. */
    static final String TERMS = terms(250, 3, 9950, 20);

    static String terms(long price, long periods, long targetBp, long penalty) {
        return "{\"target\":{\"kind\":\"pool\",\"name\":\"gpu-a100\"},\"resources\":{\"gpuMemoryGiB\":80,\"vcpu\":12},"
                + "\"unit\":\"gpu\",\"quantity\":4,\"currency\":\"EUR\",\"pricePerUnitHourMinor\":" + price
                + ",\"periodSeconds\":86400,\"periods\":" + periods + ",\"availabilityTargetBp\":" + targetBp
                + ",\"penaltyBpPerBp\":" + penalty + "}";
    }

    Instant start;

    /** Offers and accepts {@code id} with {@code terms}; period 0 starts at {@link #start}. */
    void activeLease(String id, String terms) {
        ok(peer.submit(PROVIDER, "ComputeLease:offer", id, terms));
        peer.advance(Duration.ofMinutes(5));
        start = peer.now();
        ok(peer.submit(BETA, "ComputeLease:accept", id));
    }

    /** Moves the clock to the end of period {@code n} and reports its usage. */
    Map<String, Object> report(String id, long n, long unitSeconds, long observed, long available) {
        peer.at(start.plusSeconds((n + 1) * DAY));
        return ok(peer.submit(OPERATOR, "ComputeLease:reportUsage", id, Long.toString(n), Long.toString(unitSeconds),
                Long.toString(observed), Long.toString(available)));
    }

    Map<String, Object> settle(String id, long n) {
        return ok(peer.submit(BETA, "ComputeLease:settle", id, Long.toString(n)));
    }

    Map<String, Object> lease(String id) {
        return ok(peer.evaluate(MALLORY, "ComputeLease:get", id));
    }

    @Nested
    class Offer {

        @Test
        void theCallerOffersAsProviderWithCanonicalTerms() {
            TestPeer.Result result = peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS);

            Map<String, Object> lease = ok(result);
            assertThat(str(lease, "state")).isEqualTo("OFFERED");
            assertThat(str(lease, "provider", "msp")).isEqualTo(ORG2);
            assertThat(str(lease, "provider", "id")).isEqualTo(PROVIDER.id());
            assertThat(lease).doesNotContainKeys("consumer", "startsAt", "endsAt");
            assertThat(Json.write(obj(lease, "terms"))).isEqualTo("{\"availabilityTargetBp\":9950,\"currency\":\"EUR\","
                    + "\"penaltyBpPerBp\":20,\"periodSeconds\":86400,\"periods\":3,\"pricePerUnitHourMinor\":250,"
                    + "\"quantity\":4,\"resources\":{\"gpuMemoryGiB\":80,\"vcpu\":12},"
                    + "\"target\":{\"kind\":\"pool\",\"name\":\"gpu-a100\"},\"unit\":\"gpu\"}");
            assertThat(num(lease, "periodsDue")).isEqualTo(3);
            assertThat(str(lease, "offerTxId")).isEqualTo(result.txId());
            assertThat(result.eventName()).isEqualTo("LeaseOffered");
        }

        @Test
        void aRetriedOfferReturnsTheLeaseUnchanged() {
            TestPeer.Result first = peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS);
            TestPeer.Result again = peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS);
            assertThat(again.payloadUtf8()).isEqualTo(first.payloadUtf8());
            assertThat(again.eventName()).isNull();
        }

        @Test
        void aTakenIdIsRefusedForOtherTermsOrAnotherProvider() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            refused(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", terms(251, 3, 9950, 20)),
                    ErrorCode.ALREADY_EXISTS);
            refused(peer.submit(MALLORY, "ComputeLease:offer", "lease-1", TERMS), ErrorCode.ALREADY_EXISTS);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "[]", "{}",
            // a member missing, an unknown member
            "{\"target\":{\"kind\":\"pool\",\"name\":\"p\"},\"resources\":{},\"unit\":\"gpu\",\"quantity\":4,"
                    + "\"currency\":\"EUR\",\"pricePerUnitHourMinor\":250,\"periodSeconds\":86400,\"periods\":3,"
                    + "\"availabilityTargetBp\":9950}",
            "{\"target\":{\"kind\":\"pool\",\"name\":\"p\"},\"resources\":{},\"unit\":\"gpu\",\"quantity\":4,"
                    + "\"currency\":\"EUR\",\"pricePerUnitHourMinor\":250,\"periodSeconds\":86400,\"periods\":3,"
                    + "\"availabilityTargetBp\":9950,\"penaltyBpPerBp\":20,\"discount\":5}"})
        void termsWithoutExactlyTheDocumentedMembersAreRefused(String terms) {
            refused(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", terms), ErrorCode.INVALID_ARGUMENT);
            assertThat(peer.keys()).noneMatch(k -> k.contains("lease"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "\"pricePerUnitHourMinor\":250|\"pricePerUnitHourMinor\":-1",
            "\"pricePerUnitHourMinor\":250|\"pricePerUnitHourMinor\":2.5",
            "\"pricePerUnitHourMinor\":250|\"pricePerUnitHourMinor\":\"250\"",
            "\"pricePerUnitHourMinor\":250|\"pricePerUnitHourMinor\":1000000001",
            "\"availabilityTargetBp\":9950|\"availabilityTargetBp\":10001",
            "\"penaltyBpPerBp\":20|\"penaltyBpPerBp\":10001",
            "\"quantity\":4|\"quantity\":0",
            "\"periodSeconds\":86400|\"periodSeconds\":59",
            "\"periods\":3|\"periods\":3661",
            "\"currency\":\"EUR\"|\"currency\":\"eur\"",
            "\"unit\":\"gpu\"|\"unit\":\"GPU\"",
            "\"kind\":\"pool\"|\"kind\":\"cluster\"",
            "\"name\":\"gpu-a100\"|\"name\":\"GPU A100\"",
            "\"vcpu\":12|\"vcpu\":-12",
            "\"vcpu\":12|\"v-cpu\":12"})
        void termsOutOfRangeAreRefused(String original, String replacement) {
            String bad = TERMS.replace(original, replacement);
            assertThat(bad).isNotEqualTo(TERMS);
            refused(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", bad), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "-lease", "lease 1", "lease/1",
            "l12345678901234567890123456789012345678901234567890123456789012345"})
        void malformedLeaseIdsAreRefused(String id) {
            refused(peer.submit(PROVIDER, "ComputeLease:offer", id, TERMS), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Accept {

        @Test
        void theConsumerAcceptsAndThePeriodsStartAtItsTimestamp() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            peer.advance(Duration.ofMinutes(5));

            TestPeer.Result result = peer.submit(BETA, "ComputeLease:accept", "lease-1");

            Map<String, Object> lease = ok(result);
            assertThat(str(lease, "state")).isEqualTo("ACTIVE");
            assertThat(str(lease, "consumer", "id")).isEqualTo(BETA.id());
            assertThat(str(lease, "consumer", "project")).isEqualTo("beta");
            assertThat(str(lease, "startsAt")).isEqualTo(peer.now().toString());
            assertThat(str(lease, "endsAt")).isEqualTo(peer.now().plusSeconds(3 * DAY).toString());
            assertThat(result.eventName()).isEqualTo("LeaseAccepted");
        }

        @Test
        void theProviderCannotAcceptItsOwnOffer() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            refused(peer.submit(PROVIDER, "ComputeLease:accept", "lease-1"), ErrorCode.ACCESS_DENIED);
            assertThat(str(lease("lease-1"), "state")).isEqualTo("OFFERED");
        }

        @Test
        void anAcceptedLeaseCannotBeAcceptedByAnotherButTheConsumerMayRetry() {
            activeLease("lease-1", TERMS);
            String accepted = peer.evaluate(BETA, "ComputeLease:get", "lease-1").payloadUtf8();

            assertThat(peer.submit(BETA, "ComputeLease:accept", "lease-1").payloadUtf8()).isEqualTo(accepted);
            refused(peer.submit(GAMMA, "ComputeLease:accept", "lease-1"), ErrorCode.INVALID_STATE);
        }

        @Test
        void anUnknownLeaseIsNotFound() {
            refused(peer.submit(BETA, "ComputeLease:accept", "nope"), ErrorCode.NOT_FOUND);
        }

        @Test
        void aWithdrawnOfferCannotBeAccepted() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            ok(peer.submit(PROVIDER, "ComputeLease:terminate", "lease-1"));
            refused(peer.submit(BETA, "ComputeLease:accept", "lease-1"), ErrorCode.INVALID_STATE);
        }
    }

    @Nested
    class ReportUsage {

        @Test
        void theOperatorReportsAPeriodOnceItHasEnded() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(DAY));

            TestPeer.Result result = peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "345600",
                    "86400", "86000");

            Map<String, Object> period = ok(result);
            assertThat(num(period, "period")).isZero();
            assertThat(str(period, "startsAt")).isEqualTo(start.toString());
            assertThat(str(period, "endsAt")).isEqualTo(start.plusSeconds(DAY).toString());
            assertThat(num(period, "usage", "unitSeconds")).isEqualTo(345_600);
            assertThat(num(period, "usage", "observedSeconds")).isEqualTo(86_400);
            assertThat(num(period, "usage", "availableSeconds")).isEqualTo(86_000);
            assertThat(str(period, "usage", "reportedBy", "id")).isEqualTo(OPERATOR.id());
            assertThat(period).doesNotContainKey("settlement");
            assertThat(result.eventName()).isEqualTo("UsageReported");
            assertThat(peer.evaluate(PROVIDER, "ComputeLease:getPeriod", "lease-1", "0").payloadUtf8())
                    .isEqualTo(result.payloadUtf8());
        }

        @Test
        void aPeriodThatHasNotEndedCannotBeReported() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(DAY).minusNanos(1));
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "1", "1", "1"),
                    ErrorCode.PERIOD_NOT_ENDED);
        }

        @Test
        void onlyTheOperatorReportsUsage() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(DAY));
            for (TestIdentity who : new TestIdentity[] {PROVIDER, BETA, ROGUE_OPERATOR, ACME}) {
                refused(peer.submit(who, "ComputeLease:reportUsage", "lease-1", "0", "1", "1", "1"),
                        ErrorCode.ACCESS_DENIED);
            }
        }

        @Test
        void anOfferHasNoPeriodsToReport() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            peer.advance(Duration.ofDays(2));
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "1", "1", "1"),
                    ErrorCode.INVALID_STATE);
        }

        @ParameterizedTest
        @CsvSource({
            "0, 345601, 86400, 86400",  // more than 4 GPUs for the whole day
            "0, 1, 0, 0",               // nothing observed: availability undefined
            "0, 1, 86401, 86401",       // observed longer than the period
            "0, 1, 100, 101",           // more available than observed
            "3, 1, 1, 1",               // the lease has periods 0 to 2
            "-1, 1, 1, 1",
            "00, 1, 1, 1"})
        void figuresOutsideThePeriodAreRefused(String period, String units, String observed, String available) {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(3 * DAY));
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", period, units, observed, available),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void theSameFiguresAgainAreIdempotentAndOthersConflict() {
            activeLease("lease-1", TERMS);
            Map<String, Object> first = report("lease-1", 0, 1000, 86400, 86400);
            peer.advance(Duration.ofHours(1));

            TestPeer.Result again = peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "1000",
                    "86400", "86400");
            assertThat(ok(again)).isEqualTo(first);
            assertThat(again.eventName()).isNull();
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "1001", "86400", "86400"),
                    ErrorCode.REPORT_CONFLICT);
        }
    }

    /**
     * The settlement arithmetic, worked by hand. Terms: 4 GPUs at 250 cents per GPU-hour, 99.5 % availability
     * (9950 bp), 20 bp of credit per bp of shortfall.
     */
    @Nested
    class Settle {

        /** Settles period 0 of a fresh lease after reporting {@code units, observed, available}. */
        Map<String, Object> settleOne(String terms, long units, long observed, long available) {
            activeLease("lease-1", terms);
            report("lease-1", 0, units, observed, available);
            return settle("lease-1", 0);
        }

        @Test
        void fullAvailabilityChargesTheUsageAndCreditsNothing() {
            // 4 GPUs all day = 345600 GPU-seconds = 96 GPU-hours; 96 * 250 = 24000 cents
            Map<String, Object> p = settleOne(TERMS, 345_600, 86_400, 86_400);
            assertThat(num(p, "settlement", "chargeMinor")).isEqualTo(24_000);
            assertThat(num(p, "settlement", "creditMinor")).isZero();
            assertThat(num(p, "settlement", "netMinor")).isEqualTo(24_000);
            assertThat(str(p, "settlement", "currency")).isEqualTo("EUR");
            assertThat(str(p, "settlement", "rounding")).isEqualTo("HALF_EVEN");
            assertThat(str(p, "settlement", "settledBy", "project")).isEqualTo("beta");
        }

        @Test
        void availabilityOfExactlyTheTargetEarnsNoCredit() {
            // 85968 / 86400 = 99.5 % exactly
            Map<String, Object> p = settleOne(TERMS, 345_600, 86_400, 85_968);
            assertThat(num(p, "settlement", "creditMinor")).isZero();
        }

        @Test
        void ninetyNinePercentIsFiftyBasisPointsShortAndCreditsTenPercent() {
            // 85536 / 86400 = 99.00 %: 50 bp short; 50 * 20 = 1000 bp = 10 % of 24000 = 2400
            Map<String, Object> p = settleOne(TERMS, 345_600, 86_400, 85_536);
            assertThat(num(p, "settlement", "chargeMinor")).isEqualTo(24_000);
            assertThat(num(p, "settlement", "creditMinor")).isEqualTo(2_400);
            assertThat(num(p, "settlement", "netMinor")).isEqualTo(21_600);
        }

        @Test
        void aFractionalShortfallIsKeptExactAndOnlyTheCreditIsRounded() {
            // 85900 / 86400 = 99.4212962...%: shortfall 7.870370... bp; * 20 = 157.407407... bp of 24000
            // = 24000 * 20 * (9950 * 86400 - 10000 * 85900) / (10000 * 86400) = 326400000000 / 864000000
            // = 377.777... -> 378
            Map<String, Object> p = settleOne(TERMS, 345_600, 86_400, 85_900);
            assertThat(num(p, "settlement", "creditMinor")).isEqualTo(378);
            assertThat(num(p, "settlement", "netMinor")).isEqualTo(23_622);
        }

        @Test
        void theCreditIsCappedAtTheCharge() {
            // 0 % available: 9950 bp short * 20 = 199000 bp, capped at 10000 bp = the whole charge
            Map<String, Object> p = settleOne(TERMS, 345_600, 86_400, 0);
            assertThat(num(p, "settlement", "creditMinor")).isEqualTo(24_000);
            assertThat(num(p, "settlement", "netMinor")).isZero();
        }

        @Test
        void availabilityIsMeasuredOverTheObservedSecondsOnly() {
            // 43000 of 43200 observed = 99.537 %: above target although 43200 seconds went unobserved
            Map<String, Object> p = settleOne(TERMS, 345_600, 43_200, 43_000);
            assertThat(num(p, "settlement", "creditMinor")).isZero();
        }

        @ParameterizedTest(name = "{0} GPU-seconds at 1 cent per GPU-hour = {1} cents")
        @CsvSource({
            "1800, 0",    // 0.5 -> 0 (ties to even)
            "5400, 2",    // 1.5 -> 2
            "9000, 2",    // 2.5 -> 2
            "12600, 4",   // 3.5 -> 4
            "1799, 0",    // 0.4997 -> 0
            "1801, 1",    // 0.5003 -> 1
            "3600, 1"})
        void chargesRoundHalfEven(long units, long cents) {
            Map<String, Object> p = settleOne(terms(1, 3, 9950, 20), units, 86_400, 86_400);
            assertThat(num(p, "settlement", "chargeMinor")).isEqualTo(cents);
        }

        @Test
        void anUnevenChargeRoundsToTheNearestCent() {
            // 12345 GPU-seconds * 250 / 3600 = 857.2916... -> 857
            Map<String, Object> p = settleOne(TERMS, 12_345, 86_400, 86_400);
            assertThat(num(p, "settlement", "chargeMinor")).isEqualTo(857);
        }

        @ParameterizedTest(name = "a charge of {1} cents earns a credit of {2}")
        @CsvSource({
            // target 100 %, 85536 of 86400 available = 99 %: 100 bp short * 50 = 5000 bp = half the charge
            "3600, 1, 0",     // 0.5 -> 0
            "10800, 3, 2",    // 1.5 -> 2
            "18000, 5, 2",    // 2.5 -> 2
            "25200, 7, 4"})   // 3.5 -> 4
        void creditsRoundHalfEvenFromTheRoundedCharge(long units, long charge, long credit) {
            Map<String, Object> p = settleOne(terms(1, 3, 10_000, 50), units, 86_400, 85_536);
            assertThat(num(p, "settlement", "chargeMinor")).isEqualTo(charge);
            assertThat(num(p, "settlement", "creditMinor")).isEqualTo(credit);
            assertThat(num(p, "settlement", "netMinor")).isEqualTo(charge - credit);
        }

        @Test
        void periodsAddUpOnTheLeaseAndTheLastOneSettlesIt() {
            activeLease("lease-1", TERMS);
            report("lease-1", 0, 345_600, 86_400, 86_400);   // 24000, credit 0
            report("lease-1", 1, 172_800, 86_400, 85_536);   // 12000, credit 1200
            report("lease-1", 2, 12_345, 86_400, 85_900);    // 857, credit 857 * 157.407..bp = 13.49 -> 13
            TestPeer.Result first = peer.submit(PROVIDER, "ComputeLease:settle", "lease-1", "0");
            assertThat(first.eventName()).isEqualTo("LeasePeriodSettled");
            ok(peer.submit(OPERATOR, "ComputeLease:settle", "lease-1", "1"));
            assertThat(str(lease("lease-1"), "state")).isEqualTo("ACTIVE");
            Map<String, Object> last = settle("lease-1", 2);
            assertThat(num(last, "settlement", "creditMinor")).isEqualTo(13);

            Map<String, Object> lease = lease("lease-1");
            assertThat(str(lease, "state")).isEqualTo("SETTLED");
            assertThat(num(lease, "settledPeriods")).isEqualTo(3);
            assertThat(num(lease, "chargeMinor")).isEqualTo(24_000 + 12_000 + 857);
            assertThat(num(lease, "creditMinor")).isEqualTo(1_200 + 13);
            assertThat(num(lease, "netMinor")).isEqualTo(36_857 - 1_213);
        }

        @Test
        void settlingASettledPeriodAgainChangesNothing() {
            activeLease("lease-1", TERMS);
            report("lease-1", 0, 345_600, 86_400, 86_400);
            TestPeer.Result first = peer.submit(BETA, "ComputeLease:settle", "lease-1", "0");
            TestPeer.Result again = peer.submit(PROVIDER, "ComputeLease:settle", "lease-1", "0");

            assertThat(again.payloadUtf8()).isEqualTo(first.payloadUtf8());
            assertThat(again.eventName()).isNull();
            assertThat(num(lease("lease-1"), "chargeMinor")).isEqualTo(24_000);
        }

        @Test
        void periodsSettleInOrder() {
            activeLease("lease-1", TERMS);
            report("lease-1", 0, 1, 86_400, 86_400);
            report("lease-1", 1, 1, 86_400, 86_400);
            refused(peer.submit(BETA, "ComputeLease:settle", "lease-1", "1"), ErrorCode.PERIOD_OUT_OF_ORDER);
        }

        @Test
        void anUnreportedPeriodCannotBeSettled() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(DAY));
            refused(peer.submit(BETA, "ComputeLease:settle", "lease-1", "0"), ErrorCode.INVALID_STATE);
        }

        @Test
        void onlyThePartiesAndTheOperatorSettle() {
            activeLease("lease-1", TERMS);
            report("lease-1", 0, 1, 86_400, 86_400);
            refused(peer.submit(MALLORY, "ComputeLease:settle", "lease-1", "0"), ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ROGUE_OPERATOR, "ComputeLease:settle", "lease-1", "0"), ErrorCode.ACCESS_DENIED);
            refused(peer.submit(GAMMA, "ComputeLease:settle", "lease-1", "0"), ErrorCode.ACCESS_DENIED);
            Map<String, Object> p = ok(peer.submit(OPERATOR, "ComputeLease:settle", "lease-1", "0"));
            assertThat(str(p, "settlement", "settledBy", "id")).isEqualTo(OPERATOR.id());
        }

        @Test
        void anOfferCannotBeSettled() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            refused(peer.submit(PROVIDER, "ComputeLease:settle", "lease-1", "0"), ErrorCode.INVALID_STATE);
        }
    }

    @Nested
    class Terminate {

        @Test
        void aConsumerEndsTheLeaseMidPeriodAndThePeriodInProgressEndsThere() {
            activeLease("lease-1", TERMS);
            Instant termination = start.plusSeconds(DAY + DAY / 2);
            peer.at(termination);

            TestPeer.Result result = peer.submit(BETA, "ComputeLease:terminate", "lease-1");

            Map<String, Object> lease = ok(result);
            assertThat(str(lease, "state")).isEqualTo("TERMINATED");
            assertThat(num(lease, "periodsDue")).isEqualTo(2);
            assertThat(str(lease, "endsAt")).isEqualTo(termination.toString());
            assertThat(str(lease, "terminatedBy", "id")).isEqualTo(BETA.id());
            assertThat(result.eventName()).isEqualTo("LeaseTerminated");

            // period 1 lasted half a day: it can be reported now, for at most 4 GPUs * 43200 s
            report("lease-1", 0, 345_600, 86_400, 86_400);
            peer.at(termination);
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "1", "172801", "43200", "43200"),
                    ErrorCode.INVALID_ARGUMENT);
            Map<String, Object> p1 = ok(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "1", "172800",
                    "43200", "43200"));
            assertThat(str(p1, "endsAt")).isEqualTo(termination.toString());
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "2", "1", "1", "1"),
                    ErrorCode.INVALID_ARGUMENT);

            settle("lease-1", 0);
            settle("lease-1", 1);
            Map<String, Object> settled = lease("lease-1");
            assertThat(str(settled, "state")).isEqualTo("TERMINATED");
            assertThat(num(settled, "chargeMinor")).isEqualTo(24_000 + 12_000);
        }

        @Test
        void terminatingOnAPeriodBoundaryLeavesOnlyTheFinishedPeriodsDue() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(DAY));
            assertThat(num(ok(peer.submit(PROVIDER, "ComputeLease:terminate", "lease-1")), "periodsDue"))
                    .isEqualTo(1);
        }

        @Test
        void theProviderOrTheOperatorWithdrawsAnOffer() {
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-1", TERMS));
            ok(peer.submit(PROVIDER, "ComputeLease:offer", "lease-2", TERMS));
            refused(peer.submit(BETA, "ComputeLease:terminate", "lease-1"), ErrorCode.ACCESS_DENIED);

            Map<String, Object> withdrawn = ok(peer.submit(PROVIDER, "ComputeLease:terminate", "lease-1"));
            assertThat(str(withdrawn, "state")).isEqualTo("TERMINATED");
            assertThat(num(withdrawn, "periodsDue")).isZero();
            assertThat(withdrawn).doesNotContainKeys("startsAt", "endsAt");
            ok(peer.submit(OPERATOR, "ComputeLease:terminate", "lease-2"));
        }

        @Test
        void outsidersCannotTerminate() {
            activeLease("lease-1", TERMS);
            refused(peer.submit(MALLORY, "ComputeLease:terminate", "lease-1"), ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ROGUE_OPERATOR, "ComputeLease:terminate", "lease-1"), ErrorCode.ACCESS_DENIED);
            assertThat(str(lease("lease-1"), "state")).isEqualTo("ACTIVE");
        }

        @Test
        void aTimestampBeforeTheLeasesStartIsRefused() {
            activeLease("lease-1", TERMS);
            peer.at(start.minusSeconds(1));
            refused(peer.submit(BETA, "ComputeLease:terminate", "lease-1"), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void aLeaseWhoseTermIsOverCannotBeTerminated() {
            activeLease("lease-1", TERMS);
            peer.at(start.plusSeconds(3 * DAY));
            refused(peer.submit(BETA, "ComputeLease:terminate", "lease-1"), ErrorCode.INVALID_STATE);
        }

        @Test
        void aSettledLeaseCannotBeTerminatedAndATerminatedOneIsReturnedUnchanged() {
            activeLease("lease-1", terms(250, 1, 9950, 20));
            report("lease-1", 0, 1, 86_400, 86_400);
            settle("lease-1", 0);
            refused(peer.submit(BETA, "ComputeLease:terminate", "lease-1"), ErrorCode.INVALID_STATE);

            activeLease("lease-2", TERMS);
            String terminated = peer.submit(BETA, "ComputeLease:terminate", "lease-2").payloadUtf8();
            peer.advance(Duration.ofHours(1));
            TestPeer.Result again = peer.submit(PROVIDER, "ComputeLease:terminate", "lease-2");
            assertThat(again.payloadUtf8()).isEqualTo(terminated);
            assertThat(again.eventName()).isNull();
        }

        @Test
        void aLeaseTerminatedAsItWasAcceptedHasNoPeriods() {
            activeLease("lease-1", TERMS);
            ok(peer.submit(BETA, "ComputeLease:terminate", "lease-1"));
            peer.advance(Duration.ofDays(1));
            refused(peer.submit(OPERATOR, "ComputeLease:reportUsage", "lease-1", "0", "1", "1", "1"),
                    ErrorCode.INVALID_STATE);
        }
    }

    @Nested
    class Get {

        @Test
        void anyMemberReadsALease() {
            activeLease("lease-1", TERMS);
            Map<String, Object> lease = ok(peer.evaluate(MALLORY, "ComputeLease:get", "lease-1"));
            assertThat(str(lease, "leaseId")).isEqualTo("lease-1");
            assertThat(str(lease, "state")).isEqualTo("ACTIVE");
            assertThat(num(lease, "settledPeriods")).isZero();
        }

        @Test
        void unknownAndMalformedIdsAreRefused() {
            refused(peer.evaluate(BETA, "ComputeLease:get", "nope"), ErrorCode.NOT_FOUND);
            refused(peer.evaluate(BETA, "ComputeLease:get", "no pe"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class GetPeriod {

        @Test
        void returnsTheReportedPeriodWithItsSettlementOnceSettled() {
            activeLease("lease-1", TERMS);
            report("lease-1", 0, 345_600, 86_400, 85_536);
            assertThat(ok(peer.evaluate(MALLORY, "ComputeLease:getPeriod", "lease-1", "0")))
                    .doesNotContainKey("settlement");
            Map<String, Object> settled = settle("lease-1", 0);
            assertThat(ok(peer.evaluate(MALLORY, "ComputeLease:getPeriod", "lease-1", "0"))).isEqualTo(settled);
        }

        @Test
        void anUnreportedPeriodIsNotFoundAndMalformedArgumentsAreRefused() {
            activeLease("lease-1", TERMS);
            refused(peer.evaluate(BETA, "ComputeLease:getPeriod", "lease-1", "1"), ErrorCode.NOT_FOUND);
            refused(peer.evaluate(BETA, "ComputeLease:getPeriod", "lease-1", "x"), ErrorCode.INVALID_ARGUMENT);
            refused(peer.evaluate(BETA, "ComputeLease:getPeriod", "no pe", "0"), ErrorCode.INVALID_ARGUMENT);
        }
    }
}
