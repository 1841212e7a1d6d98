package ai.lepton.compute.scheduler;

import static ai.lepton.compute.scheduler.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TrafficAllocationTest {

    @Test
    void reproducesTheWorkedExampleOfTheJavadoc() {
        TrafficAllocation.Allocation a = TrafficAllocation.waterFill(new double[] {100, 100, 200},
                new double[] {0.5, 0.2, 0.2}, 120);
        assertThat(a.level()).isCloseTo(0.575, within(1e-12));
        assertThat(a.weights()).satisfiesExactly(w -> assertThat(w).isCloseTo(0.0625, within(1e-12)),
                w -> assertThat(w).isCloseTo(0.3125, within(1e-12)),
                w -> assertThat(w).isCloseTo(0.625, within(1e-12)));
        assertThat(a.served()).isEqualTo(120);
        assertThat(a.unserved()).isZero();
    }

    @Test
    void equalLevelsSplitInProportionToCapacity() {
        TrafficAllocation.Allocation a = TrafficAllocation.waterFill(new double[] {1, 3}, new double[] {0, 0}, 2);
        assertThat(a.weights()).containsExactly(0.25, 0.75);
        assertThat(a.level()).isEqualTo(0.5);
    }

    @Test
    void aReplicaAboveTheWaterLineGetsNothing() {
        TrafficAllocation.Allocation a = TrafficAllocation.waterFill(new double[] {10, 10}, new double[] {0.9, 0.1},
                4);
        assertThat(a.weights()).containsExactly(0.0, 1.0);
        assertThat(a.level()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void saturatesAtFullCapacityAndReportsTheRest() {
        TrafficAllocation.Allocation a = TrafficAllocation.waterFill(new double[] {10, 30}, new double[] {0.5, 0},
                100);
        assertThat(a.level()).isEqualTo(1);
        assertThat(a.served()).isEqualTo(35);
        assertThat(a.unserved()).isEqualTo(65);
        assertThat(a.weights().get(0)).isCloseTo(5.0 / 35, within(1e-12));
    }

    @Test
    void zeroDemandGoesToTheLowestReplicas() {
        TrafficAllocation.Allocation a = TrafficAllocation.waterFill(new double[] {1, 1, 2},
                new double[] {0.3, 0.1, 0.1}, 0);
        assertThat(a.weights()).containsExactly(0.0, 1.0 / 3, 2.0 / 3);
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> TrafficAllocation.waterFill(new double[] {1}, new double[] {1.5}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrafficAllocation.waterFill(new double[] {1}, new double[] {0}, -1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TrafficAllocation.waterFill(new double[0], new double[0], 5).unserved()).isEqualTo(5);
    }

    @Test
    void randomInputsSumToOneStayWithinCapacityAndEqualiseLevels() {
        Random rnd = new Random(42);
        for (int t = 0; t < 2000; t++) {
            int n = 1 + rnd.nextInt(8);
            double[] c = new double[n];
            double[] u = new double[n];
            double head = 0;
            for (int i = 0; i < n; i++) {
                c[i] = 1 + rnd.nextInt(100);
                u[i] = rnd.nextInt(11) / 10.0;
                head += c[i] * (1 - u[i]);
            }
            double d = rnd.nextDouble() * head * 1.3;
            TrafficAllocation.Allocation a = TrafficAllocation.waterFill(c, u, d);
            if (head == 0) {
                continue;
            }
            double sum = a.weights().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(1, within(1e-9));
            for (int i = 0; i < n; i++) {
                double x = a.weights().get(i) * a.served();
                assertThat(u[i] + x / c[i]).as("never past capacity").isLessThanOrEqualTo(1 + 1e-9);
                if (x > 1e-9) {
                    assertThat(u[i] + x / c[i]).as("filled replicas share one level").isCloseTo(a.level(),
                            within(1e-9));
                } else {
                    assertThat(u[i]).as("dry replicas are above the level").isGreaterThanOrEqualTo(a.level() - 1e-9);
                }
            }
            assertThat(a.served()).isCloseTo(Math.min(d, head), within(1e-9));
        }
    }

    @Test
    void schedulerWeightsFavourReplicasOnNodesWithMoreRoom() {
        Scheduler s = scheduler(node("busy", 4000, 8192), node("idle", 4000, 8192));
        s.submit(wl("other", 1, 3000, 100).nodeSelector("hostname", "busy").build());
        s.submit(wl("web", 2, 500, 100).antiAffinity(TopologyKey.HOSTNAME).build());
        Scheduler.WeightedReplicas w = s.allocation("web", 2);
        // per node: C = 4000/500 = 8 units; busy: others take 3000 -> level 0.75; idle: level 0
        int busy = w.replicas().get(0).node().equals("busy") ? 0 : 1;
        // water: idle alone from 0 to 0.75 takes 6 > 2, so L = 0.25 and busy gets nothing
        assertThat(w.allocation().weights().get(busy)).isZero();
        assertThat(w.allocation().weights().get(1 - busy)).isEqualTo(1.0);
        assertThat(w.allocation().level()).isCloseTo(0.25, within(1e-12));
        Scheduler.WeightedReplicas heavy = s.allocation("web", 10);
        // idle to 0.75 takes 6; the other 4 over 16 units of capacity: L = 1.0 → both full, 2 + 8 = 10 served
        assertThat(heavy.allocation().level()).isCloseTo(1.0, within(1e-12));
        assertThat(heavy.allocation().weights().get(busy)).isCloseTo(0.2, within(1e-12));
        assertThatThrownBy(() -> s.allocation("nope", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
