package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowHashSetEdgeCasesTest {

    @Test
    void addsNewHashesAndRefusesDuplicates() {
        RowHashSet set = new RowHashSet(4);
        assertThat(set.add(1, 2)).isTrue();
        assertThat(set.add(1, 3)).isTrue(); // same first half, different second half
        assertThat(set.add(2, 2)).isTrue();
        assertThat(set.add(1, 2)).isFalse();
        assertThat(set.add(1, 3)).isFalse();
        assertThat(set.size()).isEqualTo(3);
    }

    @Test
    void acceptsZeroAsAHash() {
        RowHashSet set = new RowHashSet(16);
        assertThat(set.add(0, 0)).isTrue();
        assertThat(set.add(0, 0)).isFalse();
        assertThat(set.size()).isEqualTo(1);
    }

    @Test
    void keepsHashesThatShareTheirSlotApart() {
        RowHashSet set = new RowHashSet(16);
        // all map to the same slot: the low bits of h1 ^ (h1 >>> 32) are equal
        for (long k = 0; k < 100; k++) {
            assertThat(set.add(k << 40, k)).isTrue();
        }
        for (long k = 0; k < 100; k++) {
            assertThat(set.add(k << 40, k)).isFalse();
        }
        assertThat(set.size()).isEqualTo(100);
    }

    @Test
    void growsPastItsInitialCapacityAndFindsEveryHashAgain() {
        RowHashSet set = new RowHashSet(16);
        int n = 1_000_000;
        SplittableRandom rnd = new SplittableRandom(7);
        long[] hi = new long[n];
        long[] lo = new long[n];
        for (int i = 0; i < n; i++) {
            hi[i] = rnd.nextLong();
            lo[i] = rnd.nextLong();
            assertThat(set.add(hi[i], lo[i])).isTrue();
        }
        assertThat(set.size()).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            if (set.add(hi[i], lo[i])) {
                throw new AssertionError("hash " + i + " was lost while growing");
            }
        }
        assertThat(set.size()).isEqualTo(n);
    }

    @Test
    void growsWithSequentialHashes() {
        RowHashSet set = new RowHashSet(1);
        for (long i = 0; i < 100_000; i++) {
            assertThat(set.add(i, -i)).isTrue();
        }
        for (long i = 0; i < 100_000; i++) {
            assertThat(set.add(i, -i)).isFalse();
        }
        assertThat(set.size()).isEqualTo(100_000);
    }
}
