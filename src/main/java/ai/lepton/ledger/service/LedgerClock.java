package ai.lepton.ledger.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The time the ledger module goes by: the embedded ledger stamps its transactions with it (contracts read it as the
 * transaction timestamp) and lease views compare periods with it, so both always agree. The system clock; a test
 * replaces the bean to move time on instead of waiting for a contract period to end.
 */
@ApplicationScoped
public class LedgerClock {

    /** The clock handed to the embedded ledger. */
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Now, by {@link #clock()}. */
    public Instant now() {
        return clock().instant();
    }
}
