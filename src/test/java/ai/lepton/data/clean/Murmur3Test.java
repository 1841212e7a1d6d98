package ai.lepton.data.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.apache.commons.codec.digest.MurmurHash3;
import org.junit.jupiter.api.Test;

class Murmur3Test {

    @Test
    void matchesTheReferenceMurmurHash3X64For128BitsAtEveryTailLength() {
        Random rnd = new Random(3);
        for (int len = 0; len <= 70; len++) {
            byte[] data = new byte[len + 5];
            rnd.nextBytes(data);
            long[] out = new long[2];
            Murmur3.hash128(data, 5, len, 0x5eed, out);
            long[] expected = MurmurHash3.hash128x64(data, 5, len, 0x5eed);
            assertThat(out).as("length %d", len).containsExactly(expected[0], expected[1]);
        }
    }

    @Test
    void hashesOnlyTheGivenRange() {
        byte[] a = "xxabcxx".getBytes(StandardCharsets.UTF_8);
        byte[] b = "abc".getBytes(StandardCharsets.UTF_8);
        long[] ha = new long[2];
        long[] hb = new long[2];
        Murmur3.hash128(a, 2, 3, 1, ha);
        Murmur3.hash128(b, 0, 3, 1, hb);
        assertThat(ha).containsExactly(hb[0], hb[1]);
    }

    @Test
    void hash64IsStableAndSpreadsSimilarStrings() {
        assertThat(Murmur3.hash64("abc")).isEqualTo(Murmur3.hash64(new String("abc")));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(Murmur3.hash64("v" + i));
        }
        assertThat(seen).hasSize(100_000);
        assertThat(Murmur3.hash64("")).isNotEqualTo(Murmur3.hash64("\0"));
    }
}
