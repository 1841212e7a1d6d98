package ai.lepton.ml.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForecasterTest {

    static double seasonal(int i, int period) {
        return 100 + 10 * Math.sin(2 * Math.PI * i / period) + 3 * Math.cos(4 * Math.PI * i / period);
    }

    @Test
    void pureSeasonalSeriesIsForecastAlmostExactlyWithItsPeriodFound() {
        int period = 24;
        double[] y = new double[20 * period];
        for (int i = 0; i < y.length; i++) {
            y[i] = seasonal(i, period);
        }
        Forecast f = new Forecaster().forecast(y, 36, 0.9);
        assertThat(f.period()).isEqualTo(period);
        assertThat(f.horizon()).isEqualTo(36);
        for (int h = 1; h <= 36; h++) {
            assertThat(f.mean()[h - 1]).as("step %d", h).isCloseTo(seasonal(y.length - 1 + h, period), within(1e-6));
            assertThat(f.upper()[h - 1] - f.lower()[h - 1]).isLessThan(1e-6);
        }
    }

    @Test
    void intervalsContainTheTruthAtRoughlyTheNominalRate() {
        int period = 48;
        Random r = new Random(11);
        double[] y = new double[3000];
        for (int i = 0; i < y.length; i++) {
            y[i] = seasonal(i, period) + 2 * r.nextGaussian();
        }
        Forecaster forecaster = new Forecaster();
        int inside = 0;
        int total = 0;
        double error = 0;
        for (int origin = 1500; origin + 12 <= y.length; origin += 12) {
            Forecast f = forecaster.forecast(Arrays.copyOf(y, origin), 12, 0.9);
            assertThat(f.period()).isEqualTo(period);
            for (int h = 0; h < 12; h++) {
                double actual = y[origin + h];
                inside += actual >= f.lower()[h] && actual <= f.upper()[h] ? 1 : 0;
                error += Math.abs(actual - f.mean()[h]);
                total++;
            }
        }
        assertThat((double) inside / total).isBetween(0.85, 0.95);
        // close to the noise floor: E|N(0, 2)| = 1.6
        assertThat(error / total).isLessThan(2.0);
    }

    @Test
    void linearTrendIsExtrapolated() {
        double[] y = new double[200];
        for (int i = 0; i < y.length; i++) {
            y[i] = 5 + 0.5 * i;
        }
        Forecast f = new Forecaster().forecast(y);
        assertThat(f.period()).isEqualTo(1);
        assertThat(f.horizon()).isEqualTo(Forecaster.DEFAULT_HORIZON);
        assertThat(f.confidence()).isEqualTo(Forecaster.DEFAULT_CONFIDENCE);
        for (int h = 1; h <= 12; h++) {
            assertThat(f.mean()[h - 1]).isCloseTo(5 + 0.5 * (199 + h), within(1e-6));
        }
    }

    @Test
    void whiteNoiseHasNoSeasonAndAFlatForecastNearItsMean() {
        Random r = new Random(3);
        double[] y = new double[2000];
        for (int i = 0; i < y.length; i++) {
            y[i] = 7 + r.nextGaussian();
        }
        Forecast f = new Forecaster().forecast(y);
        assertThat(f.period()).isEqualTo(1);
        for (int h = 0; h < 12; h++) {
            assertThat(f.mean()[h]).isCloseTo(7, within(0.5));
            // 90 % of N(0, 1) lies within +-1.645
            assertThat(f.upper()[h] - f.mean()[h]).isBetween(1.2, 3.0);
        }
    }

    @Test
    void shortHistoriesStillForecast() {
        Forecast f = new Forecaster().forecast(new double[] {3, 4}, 3, 0.8);
        assertThat(f.mean()).hasSize(3);
        for (double v : f.mean()) {
            assertThat(v).isBetween(3.0, 6.0);
        }
    }

    @Test
    void forecastArraysCannotBeChangedFromOutside() {
        Forecast f = new Forecaster().forecast(new double[] {1, 2, 3, 4, 5, 6, 7, 8});
        f.mean()[0] = 1e9;
        assertThat(f.mean()[0]).isLessThan(1e9);
    }

    @Test
    void rejectsBadArguments() {
        Forecaster f = new Forecaster();
        assertThatThrownBy(() -> f.forecast(new double[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.forecast(new double[] {1, 2, 3}, 0, 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
        assertThatThrownBy(() -> f.forecast(new double[] {1, 2, 3}, 3, 1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("confidence");
        assertThatThrownBy(() -> f.forecast(new double[] {1, Double.NaN, 3}, 3, 0.9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }
}
