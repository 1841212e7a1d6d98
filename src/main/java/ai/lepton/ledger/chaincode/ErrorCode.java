package ai.lepton.ledger.chaincode;

import java.util.Locale;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Why a transaction was refused. A refusal is a {@link ChaincodeException} whose payload is the code's name (UTF-8)
 * and whose message is {@code "<CODE>: <detail>"}, so that callers that see only the message (the Fabric Gateway
 * reports the endorsement error's message) can still tell the code. Nothing is written when a transaction is refused.
 */
public enum ErrorCode {

    /** An argument is malformed or out of range (bad subject, digest, JSON, number, instant...). */
    INVALID_ARGUMENT,
    /** The thing asked for does not exist. */
    NOT_FOUND,
    /** The caller may not do this: not a party, not the operator, not the dataset's owner. */
    ACCESS_DENIED,
    /** Governance has not been configured yet, so no operator or project identity can be recognised. */
    NOT_CONFIGURED,
    /** An id that must be new is taken (a lease id). */
    ALREADY_EXISTS,
    /**
     * The thing exists but is in the wrong state for this (accepting an active lease, settling an offer or a period
     * whose usage is not reported yet, terminating a lease whose term is over...).
     */
    INVALID_STATE,
    /** The subject version (or Merkle root) is already anchored with a different digest. */
    DIGEST_CONFLICT,
    /** The subject version (or Merkle root) is already anchored with the same digest but other metadata. */
    METADATA_CONFLICT,
    /** Usage for the period was already reported with other figures. */
    REPORT_CONFLICT,
    /** The period has not ended yet (by the transaction's timestamp), so usage for it cannot be reported. */
    PERIOD_NOT_ENDED,
    /** Periods settle in order, and an earlier period is still unsettled. */
    PERIOD_OUT_OF_ORDER;

    /** The exception that refuses a transaction with this code; {@code detail} is a {@link String#format} pattern. */
    public ChaincodeException refuse(String detail, Object... args) {
        String message = name() + ": " + String.format(Locale.ROOT, detail, args);
        return new ChaincodeException(message, name());
    }
}
