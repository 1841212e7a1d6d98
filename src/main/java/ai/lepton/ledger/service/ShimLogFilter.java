package ai.lepton.ledger.service;

import io.quarkus.logging.LoggingFilter;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Keeps the chaincode shim's chatter out of the application log. The shim logs every contract and metadata field it
 * finds at INFO, and every refused transaction at SEVERE with a stack trace; in the embedded ledger a refusal is an
 * ordinary answer that the receipt carries. Its loggers are detached from the log manager's categories (the shim
 * creates them itself), so {@code quarkus.log.category} cannot quiet them; this filter on the console handler does:
 * shim records below WARNING, and the refusal reports, are dropped.
 */
@LoggingFilter(name = "lepton-shim")
public final class ShimLogFilter implements Filter {

    private static final String SHIM = "org.hyperledger.fabric.";
    private static final String REFUSALS = "org.hyperledger.fabric.shim.ResponseUtils";

    @Override
    public boolean isLoggable(LogRecord record) {
        String name = record.getLoggerName();
        if (name == null || !name.startsWith(SHIM)) {
            return true;
        }
        return !name.equals(REFUSALS) && record.getLevel().intValue() >= Level.WARNING.intValue();
    }
}
