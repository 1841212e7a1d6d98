package ai.lepton.data.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.data.clean.Murmur3;
import org.junit.jupiter.api.Test;

class HyperLogLogTest {

    private static HyperLogLog filled(int distinct, int repeats) {
        HyperLogLog h = new HyperLogLog(14);
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < distinct; i++) {
                h.add(Murmur3.hash64("value " + i));
            }
        }
        return h;
    }

    @Test
    void estimatesZeroForAnEmptySketch() {
        assertThat(new HyperLogLog(14).estimate()).isZero();
    }

    @Test
    void estimatesSmallCardinalitiesClosely() {
        assertThat(filled(1, 5).estimate()).isEqualTo(1);
        assertThat(filled(100, 3).estimate()).isBetween(98L, 102L);
        assertThat(filled(5000, 1).estimate()).isBetween(4900L, 5100L);
    }

    @Test
    void estimatesOneHundredThousandDistinctValuesWithinTwoPercent() {
        assertThat(filled(100_000, 1).estimate()).isBetween(98_000L, 102_000L);
    }

    @Test
    void ignoresRepeatedValues() {
        assertThat(filled(100_000, 3).estimate()).isEqualTo(filled(100_000, 1).estimate());
    }

    @Test
    void estimatesAMillionDistinctValuesWithinTwoPercent() {
        assertThat(filled(1_000_000, 1).estimate()).isBetween(980_000L, 1_020_000L);
    }

    @Test
    void handlesAHashWhoseRemainingBitsAreZero() {
        HyperLogLog h = new HyperLogLog(4);
        h.add(0L);
        h.add(0xF000_0000_0000_0000L);
        assertThat(h.estimate()).isEqualTo(2);
    }

    @Test
    void refusesAnOutOfRangePrecision() {
        assertThatThrownBy(() -> new HyperLogLog(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HyperLogLog(19)).isInstanceOf(IllegalArgumentException.class);
    }
}
