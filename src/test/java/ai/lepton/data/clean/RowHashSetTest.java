package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowHashSetTest {

    @Test
    void growsPastItsInitialCapacityAndFindsEveryEntryAgain() {
        RowHashSet set = new RowHashSet(16);
        SplittableRandom rnd = new SplittableRandom(1);
        long[] a = new long[1_000_000];
        long[] b = new long[1_000_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextLong();
            b[i] = rnd.nextLong();
            assertThat(set.add(a[i], b[i])).isTrue();
        }
        assertThat(set.size()).isEqualTo(1_000_000);
        for (int i = 0; i < a.length; i++) {
            if (set.add(a[i], b[i])) {
                throw new AssertionError("entry " + i + " was lost");
            }
        }
        assertThat(set.add(a[0], b[0] + 1)).isTrue();
    }

    @Test
    void murmurHashDependsOnEveryByte() {
        long[] h1 = new long[2];
        long[] h2 = new long[2];
        byte[] data = "id,name\n1,ana".getBytes();
        Murmur3.hash128(data, 0, data.length, 0, h1);
        data[data.length - 1] = 'b';
        Murmur3.hash128(data, 0, data.length, 0, h2);
        assertThat(h1).isNotEqualTo(h2);
        Murmur3.hash128(data, 0, data.length, 0, h1);
        assertThat(h1).isEqualTo(h2);
    }
}
