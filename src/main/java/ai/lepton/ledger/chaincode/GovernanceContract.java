package ai.lepton.ledger.chaincode;

import java.util.List;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.jboss.logging.Logger;

/**
 * Which MSPs may assert Lepton's certificate attributes. Any certificate authority of any organisation on the channel
 * can put {@code lepton.role=operator} into a certificate, so the chaincode honours the attribute only from the MSPs
 * named here (the platform operator's organisation). Configure it once, right after the chaincode is committed;
 * until then every transaction that needs the operator or a project is refused with
 * {@link ErrorCode#NOT_CONFIGURED}.
 */
@Contract(name = "Governance", info = @Info(title = "Lepton governance", version = "1"))
public final class GovernanceContract implements ContractInterface {

    private static final Logger LOG = Logger.getLogger(GovernanceContract.class);

    /**
     * Sets the MSPs trusted for Lepton attributes. The first call (no configuration yet) must come from an identity
     * that carries {@code lepton.role=operator} and whose MSP is in the list: it bootstraps the trust. Later calls
     * must come from the operator under the current configuration, and the new list must keep the caller's MSP.
     *
     * @param operatorMspsJson a JSON array of MSP ids, e.g. {@code ["Org1MSP"]}
     * @return the configuration ({@link GovernanceConfig} JSON)
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String configure(Context ctx, String operatorMspsJson) {
        List<String> msps = parseMsps(operatorMspsJson);
        Caller caller = Caller.of(ctx);
        if (caller.config() != null) {
            caller.requireOperator("reconfigure governance");
        } else if (!caller.claimsOperator()) {
            throw ErrorCode.ACCESS_DENIED.refuse("the first configuration must come from an identity with %s=%s",
                    Caller.ROLE_ATTRIBUTE, Caller.OPERATOR);
        }
        if (!msps.contains(caller.msp())) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("the operator MSPs must include the caller's MSP %s", caller.msp());
        }
        var stub = ctx.getStub();
        GovernanceConfig config = new GovernanceConfig(msps, caller.party(), stub.getTxTimestamp(), stub.getTxId());
        String json = config.toJson();
        State.put(stub, Keys.governance(stub), json);
        State.event(stub, "GovernanceConfigured", json);
        LOG.infof("governance configured: operator MSPs %s (tx %s)", msps, stub.getTxId());
        return json;
    }

    /**
     * The current configuration.
     *
     * @return {@link GovernanceConfig} JSON; {@link ErrorCode#NOT_CONFIGURED} when there is none
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String config(Context ctx) {
        String json = State.get(ctx.getStub(), Keys.governance(ctx.getStub()));
        if (json == null) {
            throw ErrorCode.NOT_CONFIGURED.refuse("governance is not configured");
        }
        return json;
    }

    private static List<String> parseMsps(String json) {
        Object parsed;
        try {
            parsed = Json.parse(json == null ? "" : json);
        } catch (Json.ParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("operator MSPs are not JSON: %s", e.getMessage());
        }
        if (!(parsed instanceof List<?> list) || list.isEmpty() || list.size() > 16) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("operator MSPs must be a JSON array of 1 to 16 MSP ids");
        }
        TreeSet<String> msps = new TreeSet<>();
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("operator MSPs must be strings");
            }
            msps.add(Args.match("MSP id", s, Args.MSP_ID));
        }
        return List.copyOf(msps);
    }
}
