package ai.lepton.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenRefusesWithTheWaitInSeconds() {
        TokenBucket b = new TokenBucket(2, 3, 0);
        assertThat(b.tryAcquire(0)).isZero();
        assertThat(b.tryAcquire(0)).isZero();
        assertThat(b.tryAcquire(0)).isZero();
        assertThat(b.tryAcquire(0)).isEqualTo(1);
    }

    @Test
    void refillsAtTheConfiguredRateUpToCapacity() {
        TokenBucket b = new TokenBucket(2, 3, 0);
        for (int i = 0; i < 3; i++) {
            b.tryAcquire(0);
        }
        assertThat(b.tryAcquire(SECOND / 2)).isZero(); // one token after half a second at 2/s
        assertThat(b.tryAcquire(SECOND / 2)).isEqualTo(1);
        long later = 100 * SECOND; // long idle: capped at capacity, not 200 tokens
        int granted = 0;
        while (b.tryAcquire(later) == 0) {
            granted++;
        }
        assertThat(granted).isEqualTo(3);
    }

    @Test
    void slowRateReportsLongerWaits() {
        TokenBucket b = new TokenBucket(0.1, 1, 0);
        b.tryAcquire(0);
        assertThat(b.tryAcquire(0)).isEqualTo(10);
    }

    @Test
    void rejectsNonsenseSettings() {
        assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
