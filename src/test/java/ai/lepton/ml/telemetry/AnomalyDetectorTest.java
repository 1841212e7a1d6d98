package ai.lepton.ml.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Synthetic series: 14 days at 5 minutes (4,032 points) of a daily sine (amplitude 10) plus Gaussian noise (sd 1),
 * so the normal range is about 27 wide. Anomalies start at point 3,000; "detected" means a score of at least
 * {@link AnomalyDetector#ALARM_THRESHOLD} within the stated delay. NAB's probationary period (15 %, 604 points) is the
 * stretch in which a clean series may still alarm while the detector learns.
 */
class AnomalyDetectorTest {

    static final long T0 = 1_700_000_000_000L;
    static final long STEP = 300_000L;
    static final int N = 4032;
    static final int ONSET = 3000;
    static final int PROBATION = 604;

    static double[] clean(long seed) {
        Random r = new Random(seed);
        double[] v = new double[N];
        for (int i = 0; i < N; i++) {
            v[i] = 50 + 10 * Math.sin(2 * Math.PI * i / 288.0) + r.nextGaussian();
        }
        return v;
    }

    static double[] scores(double[] values) {
        AnomalyDetector d = new AnomalyDetector();
        double[] s = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = d.score(T0 + i * STEP, values[i]);
        }
        return s;
    }

    /** Points from the onset to the first alarm, or -1. */
    static int delay(double[] scores) {
        for (int i = ONSET; i < scores.length; i++) {
            if (scores[i] >= AnomalyDetector.ALARM_THRESHOLD) {
                return i - ONSET;
            }
        }
        return -1;
    }

    static double[] inject(long seed, UnaryOperator<double[]> anomaly) {
        return anomaly.apply(clean(seed));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void spikeOfOneRangeIsDetectedAtOnce(long seed) {
        double[] s = scores(inject(seed, v -> {
            v[ONSET] += 30;
            return v;
        }));
        assertThat(delay(s)).isZero();
        assertThat(s[ONSET]).isGreaterThan(0.6);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void levelShiftsUpAndDownAreDetectedAtOnce(long seed) {
        double[] up = scores(inject(seed, v -> {
            for (int i = ONSET; i < N; i++) {
                v[i] += 40;
            }
            return v;
        }));
        double[] down = scores(inject(seed, v -> {
            for (int i = ONSET; i < N; i++) {
                v[i] -= 40;
            }
            return v;
        }));
        assertThat(delay(up)).isZero();
        assertThat(delay(down)).isZero();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void eightfoldNoiseIsDetectedWithinTwentyPoints(long seed) {
        Random r = new Random(seed + 100);
        double[] s = scores(inject(seed, v -> {
            for (int i = ONSET; i < N; i++) {
                v[i] += 8 * r.nextGaussian();
            }
            return v;
        }));
        assertThat(delay(s)).isBetween(0, 20);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void flatlineIsDetectedWithinTwelvePoints(long seed) {
        double[] s = scores(inject(seed, v -> {
            for (int i = ONSET; i < N; i++) {
                v[i] = v[ONSET - 1];
            }
            return v;
        }));
        assertThat(delay(s)).isBetween(0, 12);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void cleanSeasonalSeriesRaisesNoAlarmAfterTheProbationaryPeriod(long seed) {
        double[] s = scores(clean(seed));
        for (int i = PROBATION; i < N; i++) {
            assertThat(s[i]).as("score at %d", i).isLessThan(AnomalyDetector.ALARM_THRESHOLD);
        }
    }

    @Test
    void anAnomalyAlarmsOnceAtItsOnsetNotAtEveryPointItLasts() {
        double[] s = scores(inject(1, v -> {
            for (int i = ONSET; i < N; i++) {
                v[i] += 40;
            }
            return v;
        }));
        int alarms = 0;
        for (int i = ONSET; i < ONSET + 144; i++) {
            if (s[i] >= AnomalyDetector.ALARM_THRESHOLD) {
                alarms++;
            }
        }
        assertThat(alarms).isEqualTo(1);
    }

    @Test
    void scoresUseOnlyThePointAndEarlierOnes() {
        double[] original = clean(7);
        double[] changed = original.clone();
        Random r = new Random(99);
        for (int i = 2500; i < N; i++) {
            changed[i] = 1000 * r.nextGaussian(); // wild future
        }
        double[] a = scores(original);
        double[] b = scores(changed);
        for (int i = 0; i < 2500; i++) {
            assertThat(b[i]).as("score at %d", i).isEqualTo(a[i]);
        }
        assertThat(b[2500]).isNotEqualTo(a[2500]);
    }

    @Test
    void scoresDoNotDependOnTheSeriesScaleOrOffset() {
        double[] v = inject(3, x -> {
            x[ONSET] += 30;
            return x;
        });
        double[] scaled = new double[N];
        for (int i = 0; i < N; i++) {
            scaled[i] = 1e6 * v[i] - 42;
        }
        double[] a = scores(v);
        double[] b = scores(scaled);
        for (int i = 0; i < N; i++) {
            assertThat(b[i]).as("score at %d", i).isCloseTo(a[i], within(1e-6));
        }
    }

    @Test
    void scoresStayInTheUnitIntervalOnWildInput() {
        Random r = new Random(5);
        AnomalyDetector d = new AnomalyDetector();
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 7) {
                case 0 -> r.nextGaussian() * 1e12;
                case 1 -> 0.0;
                case 2 -> Double.NaN;
                default -> r.nextDouble();
            };
            assertThat(d.score(T0 + i * STEP, v)).isBetween(0.0, 1.0);
        }
    }

    @Test
    void warmUpScoresZeroAndMeasuresTheSamplingInterval() {
        AnomalyDetector d = new AnomalyDetector();
        for (int i = 0; i < 48; i++) {
            assertThat(d.score(T0 + i * 60_000L, i % 2 == 0 ? 0 : 1000)).isZero();
        }
        assertThat(d.intervalMillis()).isEqualTo(60_000L);
        assertThat(d.count()).isEqualTo(48);
    }

    @Test
    void flatSeriesThatStartsMovingIsAnAnomaly() {
        AnomalyDetector d = new AnomalyDetector();
        for (int i = 0; i < 500; i++) {
            assertThat(d.score(T0 + i * STEP, 5.0)).isZero();
        }
        assertThat(d.score(T0 + 500 * STEP, 5.5)).isGreaterThan(0.9);
    }

    @Test
    void rejectsBadOptions() {
        assertThatThrownBy(() -> new AnomalyDetectorOptions(Duration.ZERO, Duration.ofHours(1), Duration.ofHours(1),
                Duration.ofHours(1), 48)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("referenceWindow");
        assertThatThrownBy(() -> new AnomalyDetectorOptions(Duration.ofDays(1), Duration.ofHours(1),
                Duration.ofHours(1), Duration.ofHours(1), 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warmUpPoints");
    }
}
