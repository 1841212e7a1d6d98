package ai.lepton.ledger.web;

import ai.lepton.ledger.service.LedgerClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The ledger's clock in the tests: the system clock plus an offset that a test can only move forward, so a contract
 * period can end without the test waiting for it. Every test of the run shares it (and so sees time moved on).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ShiftedLedgerClock extends LedgerClock {

    private static volatile Duration offset = Duration.ZERO;

    private static final Clock SHIFTED = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the ledger clock is UTC");
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    };

    /** Moves the ledger's time on by {@code by} (never back: blocks already written keep increasing timestamps). */
    static synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the ledger clock only moves forward");
        }
        offset = offset.plus(by);
    }

    @Override
    public Clock clock() {
        return SHIFTED;
    }
}
