package ai.lepton.ledger.service;

import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.TxStatus;
import ai.lepton.ledger.chaincode.ErrorCode;
import ai.lepton.platform.api.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Calls the chaincode for the lease and grant services and turns what the ledger says into REST terms: a refusal
 * (the contract's {@link ErrorCode}, see the chaincode's package documentation) becomes a problem whose status follows
 * the code and which carries the code and the transaction id; a transaction invalidated by a concurrent one is a 409;
 * a ledger that cannot work is a 503.
 */
@ApplicationScoped
public class ContractCalls {

    /**
     * What a successful call returned.
     *
     * @param txId the transaction (an evaluation's id is never ordered)
     * @param blockNumber the block holding it, or -1 for an evaluation
     * @param json the contract's result
     */
    public record Result(String txId, long blockNumber, String json) {
    }

    private final LedgerHost host;
    private final ObjectMapper mapper;

    public ContractCalls(LedgerHost host, ObjectMapper mapper) {
        this.host = host;
        this.mapper = mapper;
    }

    /** The identity a project acts as on the ledger. */
    LedgerIdentity asProject(String project) {
        return ledgerCall(() -> host.project(project));
    }

    /** The platform operator's identity. */
    LedgerIdentity asOperator() {
        return ledgerCall(host::operator);
    }

    /** Submits a transaction; a refusal or an invalidated transaction is thrown as a problem. */
    Result submit(LedgerIdentity who, String function, String... args) {
        Receipt r = ledgerCall(() -> host.ledger().submit(who, function, args));
        if (r.status() == TxStatus.REJECTED) {
            throw refusal(r.txId(), r.message(), r.payload());
        }
        if (!r.valid()) {
            // MVCC: another transaction changed what this one read between endorsement and commit; nothing applied
            throw new ProblemException(409, "ledger-concurrent-change", "Changed concurrently", "transaction "
                    + r.txId() + " was invalidated (" + r.status() + "): another transaction changed the same "
                    + "records first; nothing was applied, retry").with("txId", r.txId());
        }
        return new Result(r.txId(), r.blockNumber(), r.payloadUtf8());
    }

    /** Runs a query; a refusal is thrown as a problem. */
    Result evaluate(LedgerIdentity who, String function, String... args) {
        Evaluation e = ledgerCall(() -> host.ledger().evaluate(who, function, args));
        if (!e.ok()) {
            throw refusal(e.txId(), e.message(), e.payload());
        }
        return new Result(e.txId(), -1, e.payloadUtf8());
    }

    /** Parses a contract result (canonical JSON) into an API record. */
    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the contract's result does not map to " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the contract's result is not the JSON expected: "
                    + e.getOriginalMessage(), e);
        }
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a ledger call, turning "the ledger cannot do this now" into a 503 problem. */
    static <T> T ledgerCall(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (LedgerException e) {
            ProblemException p = new ProblemException(503, "ledger-unavailable", "Ledger unavailable", e.getMessage());
            if (e instanceof ai.lepton.ledger.api.LedgerUnavailableException u && u.txId() != null) {
                p.with("txId", u.txId());
            }
            throw p;
        }
    }

    /**
     * The problem for a refusal. The contract's payload is the {@link ErrorCode} name and its message
     * {@code "<CODE>: <detail>"}; a response without a code comes from the shim itself (an unknown transaction or
     * too few arguments), which is a bug of the caller here, not the client's fault.
     */
    static ProblemException refusal(String txId, String message, byte[] payload) {
        String name = new String(payload, StandardCharsets.UTF_8);
        ErrorCode code = null;
        for (ErrorCode c : ErrorCode.values()) {
            if (c.name().equals(name) || message.startsWith(c.name() + ":")) {
                code = c;
                break;
            }
        }
        if (code == null) {
            Log.errorf("ledger: transaction %s failed outside the contracts: %s", txId, message);
            throw new IllegalStateException("the chaincode could not run transaction " + txId + ": " + message);
        }
        String detail = message.startsWith(code.name() + ": ") ? message.substring(code.name().length() + 2)
                : message;
        return problem(code, detail).with("code", code.name()).with("txId", txId);
    }

    /** A refusal with this code and detail, as the contract would give it (used to hide what a caller may not see). */
    static ProblemException refusal(String txId, ErrorCode code, String detail) {
        return problem(code, detail).with("code", code.name()).with("txId", txId);
    }

    private static ProblemException problem(ErrorCode code, String detail) {
        return switch (code) {
            case INVALID_ARGUMENT -> new ProblemException(400, "ledger-invalid-argument", "Refused by the contract",
                    detail);
            case NOT_FOUND -> ProblemException.notFound(detail);
            case ACCESS_DENIED -> ProblemException.forbidden(detail);
            case NOT_CONFIGURED -> new ProblemException(503, "ledger-not-configured", "Ledger not configured",
                    detail);
            // ALREADY_EXISTS, INVALID_STATE, REPORT_CONFLICT, PERIOD_NOT_ENDED, PERIOD_OUT_OF_ORDER, *_CONFLICT
            default -> new ProblemException(409, "ledger-" + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    "Conflicts with the ledger's state", detail);
        };
    }
}
