package ai.lepton.ml.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinTest {

    private static int[] counts(WeightedRoundRobin<Integer> c, int picks) {
        int[] n = new int[c.targets().size()];
        for (int i = 0; i < picks; i++) {
            n[c.next()]++;
        }
        return n;
    }

    private static List<Integer> ids(int n) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(i);
        }
        return ids;
    }

    @Test
    void everyWholeCycleGivesEachTargetExactlyItsShare() {
        WeightedRoundRobin<Integer> c = new WeightedRoundRobin<>(ids(3), List.of(0.125, 0.375, 0.5));
        assertThat(c.weights()).containsExactly(1, 3, 4);
        assertThat(c.cycleLength()).isEqualTo(8);
        assertThat(counts(c, 8 * 25)).containsExactly(25, 75, 100);
    }

    @Test
    void smoothInterleavingNeverSendsARunToTheHeaviestTarget() {
        WeightedRoundRobin<Integer> c = new WeightedRoundRobin<>(ids(2), List.of(0.75, 0.25));
        assertThat(c.weights()).containsExactly(3, 1);
        List<Integer> seq = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            seq.add(c.next());
        }
        assertThat(seq).containsExactly(0, 0, 1, 0, 0, 0, 1, 0);
    }

    @Test
    void sharesFollowArbitraryWeightsAtEveryPrefixWithinTwoRequests() {
        for (int seed = 0; seed < 200; seed++) {
            Random r = new Random(seed);
            int n = 1 + r.nextInt(8);
            List<Double> w = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                w.add(r.nextInt(4) == 0 ? 0.0 : r.nextDouble());
            }
            if (w.stream().mapToDouble(Double::doubleValue).sum() == 0) {
                continue;
            }
            WeightedRoundRobin<Integer> c = new WeightedRoundRobin<>(ids(n), w);
            int[] iw = c.weights();
            int total = Arrays.stream(iw).sum();
            int[] got = new int[n];
            for (int k = 1; k <= 3 * c.cycleLength(); k++) {
                got[c.next()]++;
                for (int i = 0; i < n; i++) {
                    assertThat(Math.abs(got[i] - (double) k * iw[i] / total)).as("seed %d pick %d target %d", seed, k,
                            i).isLessThan(2);
                }
            }
            double sum = w.stream().mapToDouble(Double::doubleValue).sum();
            for (int i = 0; i < n; i++) {
                assertThat((double) iw[i] / total).as("seed %d: rounding of weight %d", seed, i)
                        .isCloseTo(w.get(i) / sum, org.assertj.core.data.Offset.offset(1.0 / WeightedRoundRobin.RESOLUTION));
                if (w.get(i) == 0) {
                    assertThat(got[i]).as("seed %d: a zero weight gets nothing", seed).isZero();
                }
            }
        }
    }

    @Test
    void allZeroWeightsShareEqually() {
        WeightedRoundRobin<Integer> c = new WeightedRoundRobin<>(ids(3), List.of(0.0, 0.0, 0.0));
        assertThat(counts(c, 9)).containsExactly(3, 3, 3);
    }

    @Test
    void rejectsBadWeights() {
        assertThatThrownBy(() -> new WeightedRoundRobin<>(ids(2), List.of(1.0))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedRoundRobin<>(ids(1), List.of(-1.0))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new WeightedRoundRobin<>(ids(1), List.of(Double.NaN))).isInstanceOf(
                IllegalArgumentException.class);
    }
}
