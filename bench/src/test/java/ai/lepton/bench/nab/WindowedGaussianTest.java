package ai.lepton.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WindowedGaussianTest {

    @Test
    void erfcMatchesReferenceValues() {
        assertThat(WindowedGaussian.erfc(0.0)).isEqualTo(1.0);
        assertThat(WindowedGaussian.erfc(0.3)).isCloseTo(0.671373240540873, within(1e-15));
        assertThat(WindowedGaussian.erfc(1.0)).isCloseTo(0.157299207050285, within(1e-15));
        assertThat(WindowedGaussian.erfc(3.0) / 2.209049699858544e-05).isCloseTo(1.0, within(1e-14));
        assertThat(WindowedGaussian.erfc(5.0) / 1.537459794428035e-12).isCloseTo(1.0, within(1e-14));
        assertThat(WindowedGaussian.erfc(-1.0)).isCloseTo(2 - 0.157299207050285, within(1e-15));
    }

    @Test
    void scoresTheTailProbabilityAgainstEarlierValuesOnly() {
        WindowedGaussian g = new WindowedGaussian();
        assertThat(g.score(10.0)).isZero(); // first value
        // window {10}: std 0 becomes 1e-6, so any other value is a certain anomaly; the mean itself scores 1 - Q(0)
        assertThat(g.score(10.0)).isEqualTo(0.5);
        assertThat(g.score(11.0)).isEqualTo(1.0);
        // window {10, 10, 11}: mean 31/3, population std sqrt(2)/3; 31/3 + 1 std scores 1 - Q(1)
        double mean = 31.0 / 3;
        double std = Math.sqrt(2.0) / 3;
        assertThat(g.score(mean + std)).isCloseTo(1 - 0.158655253931457, within(1e-12));
        // below the mean is scored by the same tail
        WindowedGaussian h = new WindowedGaussian();
        h.score(10);
        h.score(10);
        h.score(11);
        assertThat(h.score(mean - std)).isCloseTo(1 - 0.158655253931457, within(1e-12));
    }

    @Test
    void slidesInStepsOfOneHundredOnceTheWindowIsFull() {
        WindowedGaussian g = new WindowedGaussian();
        for (int i = 0; i < WindowedGaussian.WINDOW_SIZE; i++) {
            g.score(i % 2 == 0 ? -1.0 : 1.0); // mean 0, std 1
        }
        // the next 99 values go to the step buffer and do not move the statistics
        for (int i = 0; i < WindowedGaussian.STEP_SIZE - 1; i++) {
            assertThat(g.score(1000.0)).isEqualTo(1.0);
        }
        assertThat(g.score(1.0)).isCloseTo(1 - 0.158655253931457, within(1e-12));
        // the 100th slid the window: 100 values of 1000 (99) and 1 now inside, the mean moved up
        assertThat(g.score(0.0)).isGreaterThan(0.1);
    }

    @Test
    void pairwiseSumAddsUp() {
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        assertThat(WindowedGaussian.pairwiseSum(a, 0, 1000)).isEqualTo(499500.0);
        assertThat(WindowedGaussian.pairwiseSum(a, 0, 5)).isEqualTo(10.0);
        assertThat(WindowedGaussian.pairwiseSum(a, 0, 100)).isEqualTo(4950.0);
    }
}
