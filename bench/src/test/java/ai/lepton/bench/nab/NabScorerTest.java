package ai.lepton.bench.nab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-worked NAB scores. Every case is one file of 100 rows (probation: the first 15) with one window over rows
 * 40..49 (width 10), standard profile (A_TP 1, A_FP 0.11, A_FN 1), so null = -1, perfect = 1.
 */
class NabScorerTest {

    static final List<NabScorer.Window> WINDOW = List.of(new NabScorer.Window(40, 49));
    static final double MAX_TP = Math.tanh(2.5); // scaledSigmoid(-1) = 2 sigmoid(5) - 1 = tanh(2.5)

    static NabScorer.Result score(double[] scores) {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/file.csv", scores, WINDOW);
        return scorer.score();
    }

    static double[] detectionsAt(int... rows) {
        double[] s = new double[100];
        for (int r : rows) {
            s[r] = 1.0;
        }
        return s;
    }

    @Test
    void scaledSigmoidMatchesNabsDefinition() {
        assertThat(NabScorer.scaledSigmoid(-1.0)).isCloseTo(0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(-0.5)).isCloseTo(0.84828, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(0.0)).isEqualTo(0.0);
        assertThat(NabScorer.scaledSigmoid(1.0)).isCloseTo(-0.98661, within(1e-5));
        assertThat(NabScorer.scaledSigmoid(3.0001)).isEqualTo(-1.0);
    }

    @Test
    void probationIsFifteenPercentCappedAt750Rows() {
        assertThat(NabScorer.probationaryLength(100)).isEqualTo(15);
        assertThat(NabScorer.probationaryLength(4032)).isEqualTo(604);
        assertThat(NabScorer.probationaryLength(4730)).isEqualTo(709);
        assertThat(NabScorer.probationaryLength(15000)).isEqualTo(750);
    }

    @Test
    void detectionAtTheFirstRowOfTheWindowEarnsTheFullReward() {
        NabScorer.Result r = score(detectionsAt(40));
        assertThat(r.threshold()).isEqualTo(1.0);
        assertThat(r.raw()).isCloseTo(1.0, within(1e-12));
        assertThat(r.nullScore()).isEqualTo(-1.0);
        assertThat(r.perfect()).isEqualTo(1.0);
        assertThat(r.normalised()).isCloseTo(100.0, within(1e-9));
        assertThat(r.files().get(0).tp()).isEqualTo(1);
    }

    @Test
    void detectionLateInTheWindowEarnsLess() {
        // position -(49 - 47 + 1) / 10 = -0.3: scaledSigmoid = tanh(0.75), divided by scaledSigmoid(-1)
        double expected = Math.tanh(0.75) / MAX_TP;
        NabScorer.Result r = score(detectionsAt(47));
        assertThat(r.raw()).isCloseTo(expected, within(1e-12)).isCloseTo(0.64377, within(1e-5));
        assertThat(r.normalised()).isCloseTo(100 * (expected + 1) / 2, within(1e-9));
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        NabScorer.Result r = score(detectionsAt(42, 45, 49));
        // position -(49 - 42 + 1) / 10 = -0.8
        assertThat(r.raw()).isCloseTo(Math.tanh(2.0) / MAX_TP, within(1e-12));
        assertThat(r.files().get(0).tp()).isEqualTo(3);
        assertThat(r.files().get(0).windowsDetected()).isEqualTo(1);
    }

    @Test
    void falsePositiveBeforeAnyWindowCostsTheFullFpWeight() {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/file.csv", detectionsAt(20), WINDOW);
        // threshold 1.0: the window is missed (-1) and row 20 is a false positive (-0.11)
        assertThat(scorer.scoreFiles(1.0).get(0).score()).isCloseTo(-1.11, within(1e-12));
        assertThat(scorer.scoreFiles(1.0).get(0).fp()).isEqualTo(1);
        // so the optimiser prefers no detection at all
        NabScorer.Result r = scorer.score();
        assertThat(r.threshold()).isEqualTo(1.1);
        assertThat(r.raw()).isEqualTo(-1.0);
        assertThat(r.normalised()).isEqualTo(0.0);
    }

    @Test
    void falsePositivesAfterAWindowArePenalisedByTheirDistanceFromIt() {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/file.csv", detectionsAt(40, 50, 60), WINDOW);
        // row 50: |49 - 50| / (10 - 1) = 1/9 past the window; row 60: 11/9 past it
        double fp50 = NabScorer.scaledSigmoid(1.0 / 9) * 0.11;
        double fp60 = NabScorer.scaledSigmoid(11.0 / 9) * 0.11;
        assertThat(fp50).isCloseTo(-0.029794, within(1e-6));
        assertThat(fp60).isCloseTo(-0.109513, within(1e-6));
        NabScorer.FileScore f = scorer.scoreFiles(1.0).get(0);
        assertThat(f.score()).isCloseTo(1.0 + fp50 + fp60, within(1e-12));
        assertThat(f.tp()).isEqualTo(1);
        assertThat(f.fp()).isEqualTo(2);
        assertThat(f.tn()).isEqualTo(100 - 15 - 10 - 2);
        assertThat(f.fn()).isEqualTo(9);
    }

    @Test
    void noDetectionScoresMinusOnePerWindow() {
        NabScorer.Result r = score(new double[100]);
        assertThat(r.raw()).isEqualTo(-1.0);
        assertThat(r.normalised()).isEqualTo(0.0);
        assertThat(r.files().get(0).windowsDetected()).isZero();
    }

    @Test
    void detectionsInTheProbationaryPeriodAreIgnored() {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/file.csv", detectionsAt(10), WINDOW);
        NabScorer.FileScore f = scorer.scoreFiles(1.0).get(0);
        assertThat(f.score()).isEqualTo(-1.0);
        assertThat(f.fp()).isZero();
        assertThat(f.tn() + f.fn()).isEqualTo(85);
    }

    @Test
    void everyDistinctScoreIsTriedAsAThresholdAndDetectionsAreScoresAtOrAboveIt() {
        double[] s = new double[100];
        s[42] = 0.9; // in the window
        s[20] = 0.8; // false positive before it
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/file.csv", s, WINDOW);
        List<NabScorer.ThresholdScore> sweep = scorer.scoresByThreshold();
        assertThat(sweep).extracting(NabScorer.ThresholdScore::threshold).containsExactly(1.1, 0.9, 0.8, 0.0);
        double tp = Math.tanh(2.0) / MAX_TP;
        assertThat(sweep.get(0).score()).isEqualTo(-1.0);
        assertThat(sweep.get(1).score()).isCloseTo(tp, within(1e-12));
        assertThat(sweep.get(2).score()).isCloseTo(tp - 0.11, within(1e-12));
        assertThat(scorer.optimise().threshold()).isEqualTo(0.9);
    }

    @Test
    void theThresholdIsSharedAcrossFiles() {
        // file a: a window detected at 0.6, plus a false positive at 0.7; file b: a window detected at 0.7.
        double[] a = new double[100];
        a[40] = 0.6;
        a[20] = 0.7;
        double[] b = new double[100];
        b[40] = 0.7;
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        scorer.add("cat/a.csv", a, WINDOW);
        scorer.add("cat/b.csv", b, WINDOW);
        NabScorer.Result r = scorer.score();
        // 0.7: b detected (+1), a missed (-1) with one FP (-0.11) = -0.11; 0.6: both detected, one FP = 1.89
        assertThat(r.threshold()).isEqualTo(0.6);
        assertThat(r.raw()).isCloseTo(1.89, within(1e-12));
        assertThat(r.nullScore()).isEqualTo(-2.0);
        assertThat(r.perfect()).isEqualTo(2.0);
        assertThat(r.files()).extracting(NabScorer.FileScore::score).containsExactly(0.89, 1.0);
    }

    @Test
    void rejectsScoresOutsideTheUnitInterval() {
        NabScorer scorer = new NabScorer(NabScorer.Costs.STANDARD);
        double[] s = new double[100];
        s[3] = 1.5;
        assertThatThrownBy(() -> scorer.add("cat/file.csv", s, WINDOW)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row 3");
    }
}
