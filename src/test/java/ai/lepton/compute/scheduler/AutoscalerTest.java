package ai.lepton.compute.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class AutoscalerTest {

    /** A metric source the test sets by hand. */
    static final class Metrics implements MetricSource {
        Double average;
        long requests;

        @Override
        public OptionalDouble average(String workload, MetricKind kind) {
            return average == null ? OptionalDouble.empty() : OptionalDouble.of(average);
        }

        @Override
        public long requests(String workload) {
            return requests;
        }
    }

    static final Instant T0 = Instant.parse("2026-11-28T00:00:00Z");
    final Metrics m = new Metrics();
    final Autoscaler a = new Autoscaler(m);
    final AutoscalePolicy inflight = AutoscalePolicy.of(1, 10, MetricKind.IN_FLIGHT_PER_REPLICA, 10);

    @Test
    void scalesUpToCeilOfCurrentTimesMetricOverTarget() {
        m.average = 25.0;
        m.requests = 75;
        ScaleDecision d = a.decide("w", inflight, 3, T0);
        assertThat(d.desired()).isEqualTo(8);
        assertThat(d.recommendation()).isEqualTo(8);
        assertThat(d.reason()).startsWith("ceil(3 × 25.0 / 10.0) = 8");
    }

    @Test
    void ignoresChangesWithinTheTolerance() {
        m.average = 10.9;
        m.requests = 1;
        assertThat(a.decide("w", inflight, 4, T0).changes()).isFalse();
        m.average = 11.2;
        assertThat(a.decide("w", inflight, 4, T0.plusSeconds(1)).desired()).isEqualTo(5);
    }

    @Test
    void respectsMinAndMax() {
        m.requests = 1;
        m.average = 1000.0;
        assertThat(a.decide("w", inflight, 5, T0).desired()).isEqualTo(10);
        m.average = 0.1;
        assertThat(a.decide("v", inflight.withWindows(Duration.ZERO, Duration.ZERO), 5, T0).desired())
                .isEqualTo(1);
    }

    @Test
    void scaleDownWaitsForTheHighestRecommendationOfTheWindow() {
        m.requests = 1;
        m.average = 20.0;
        assertThat(a.decide("w", inflight, 4, T0).desired()).isEqualTo(8);
        m.average = 5.0;
        assertThat(a.decide("w", inflight, 8, T0.plusSeconds(60)).desired()).as("8 still in the window")
                .isEqualTo(8);
        assertThat(a.decide("w", inflight, 8, T0.plusSeconds(299)).desired()).isEqualTo(8);
        assertThat(a.decide("w", inflight, 8, T0.plusSeconds(301)).desired()).isEqualTo(4);
    }

    @Test
    void scaleUpWindowTakesTheLowestRecommendation() {
        AutoscalePolicy p = inflight.withWindows(Duration.ofSeconds(60), Duration.ZERO);
        m.requests = 1;
        m.average = 10.0;
        assertThat(a.decide("w", p, 2, T0).desired()).isEqualTo(2);
        m.average = 30.0;
        assertThat(a.decide("w", p, 2, T0.plusSeconds(30)).desired()).as("a spike is not trusted yet").isEqualTo(2);
        assertThat(a.decide("w", p, 2, T0.plusSeconds(61)).desired()).isEqualTo(6);
    }

    @Test
    void scalesToZeroAfterTheIdleTimeoutAndBackOnRequests() {
        AutoscalePolicy p = inflight.withIdleTimeout(Duration.ofMinutes(10));
        m.requests = 0;
        m.average = 0.0;
        assertThat(a.decide("w", p, 2, T0).desired()).isEqualTo(1);
        assertThat(a.decide("w", p, 1, T0.plusSeconds(599)).desired()).isEqualTo(1);
        ScaleDecision zero = a.decide("w", p, 1, T0.plusSeconds(600));
        assertThat(zero.desired()).isZero();
        assertThat(zero.reason()).contains("scale to zero");
        assertThat(a.decide("w", p, 0, T0.plusSeconds(900)).desired()).isZero();
        m.requests = 35;
        ScaleDecision wake = a.decide("w", p, 0, T0.plusSeconds(901));
        assertThat(wake.desired()).isEqualTo(4);
        assertThat(wake.reason()).startsWith("scale from zero");
    }

    @Test
    void cpuUtilisationTargetsWorkTheSameWay() {
        AutoscalePolicy p = AutoscalePolicy.of(2, 20, MetricKind.CPU_UTILISATION, 0.6);
        m.requests = 5;
        m.average = 0.9;
        assertThat(a.decide("w", p, 4, T0).desired()).isEqualTo(6);
        m.requests = 3;
        assertThat(a.decide("z", p, 0, T0).desired()).as("from zero to the minimum").isEqualTo(2);
    }

    @Test
    void keepsTheCountWithoutAMetric() {
        m.requests = 3;
        m.average = null;
        ScaleDecision d = a.decide("w", inflight, 3, T0);
        assertThat(d.changes()).isFalse();
        assertThat(Double.isNaN(d.metric())).isTrue();
    }
}
