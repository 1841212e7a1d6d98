package ai.lepton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyOrderTest {

    @Test
    void ordersLikeUtf8BytesIncludingSupplementaryCharacters() {
        Random r = new Random(7);
        int[] pool = {'a', 'z', 0x7F, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = r.nextInt(4) + 1; j > 0; j--) {
                sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            keys.add(sb.toString());
        }
        List<String> byCodePoint = new ArrayList<>(keys);
        byCodePoint.sort(KeyOrder.CODE_POINT);
        List<String> byBytes = new ArrayList<>(keys);
        byBytes.sort((x, y) -> Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
                y.getBytes(StandardCharsets.UTF_8)));
        assertThat(byCodePoint).isEqualTo(byBytes);
    }
}
