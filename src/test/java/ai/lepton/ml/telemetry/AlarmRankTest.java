package ai.lepton.ml.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The alarm-rank discount on its own: {@code x r^2}, {@code r = 1 - c / (m + 1)} over the recent alarms. */
class AlarmRankTest {

    @Test
    void firstAlarmAndNewHighsKeepTheirScore() {
        AnomalyDetector.AlarmRank rank = new AnomalyDetector.AlarmRank(100);
        assertThat(rank.discount(0.5)).isEqualTo(0.5);
        assertThat(rank.discount(0.9)).isEqualTo(0.9);
        assertThat(rank.discount(0.0)).isEqualTo(0.0);
    }

    @Test
    void anAlarmBelowMostRecentAlarmsIsDampedByTheSquareOfItsRank() {
        AnomalyDetector.AlarmRank rank = new AnomalyDetector.AlarmRank(100);
        for (int i = 0; i < 3; i++) {
            rank.discount(0.6);
        }
        rank.discount(0.1);
        // m = 4 alarms (three of 0.6, one of 0.1), c = 3 of them at or above 0.3: r = 1 - 3/5
        assertThat(rank.discount(0.3)).isCloseTo(0.3 * 0.4 * 0.4, within(1e-12));
        // non-alarms (0) are kept in the window but are not alarms: m stays at 5
        rank.discount(0.0);
        assertThat(rank.discount(0.05)).isCloseTo(0.05 * (1 - 5 / 6.0) * (1 - 5 / 6.0), within(1e-12));
    }

    @Test
    void alarmsOlderThanTheWindowAreForgotten() {
        AnomalyDetector.AlarmRank rank = new AnomalyDetector.AlarmRank(4);
        for (int i = 0; i < 4; i++) {
            rank.discount(0.8);
        }
        assertThat(rank.discount(0.4)).isLessThan(0.1);
        for (int i = 0; i < 4; i++) {
            rank.discount(0.0);
        }
        // the window now holds only quiet points: the same alarm counts as a first one again
        assertThat(rank.discount(0.4)).isEqualTo(0.4);
    }
}
