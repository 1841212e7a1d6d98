package ai.lepton.ledger.chaincode;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The submitter of the current transaction, read from the transaction's creator through {@link ClientIdentity}. See
 * the package documentation for the identity model.
 */
final class Caller {

    /** Certificate attribute naming the caller's platform role; {@value #OPERATOR} is the only role so far. */
    static final String ROLE_ATTRIBUTE = "lepton.role";
    /** Certificate attribute naming the project the caller acts for. */
    static final String PROJECT_ATTRIBUTE = "lepton.project";
    /** The platform operator's role. */
    static final String OPERATOR = "operator";

    private final ChaincodeStub stub;
    private final String msp;
    private final String id;
    private final String role;
    private final String project;
    private GovernanceConfig config;
    private boolean configLoaded;

    private Caller(ChaincodeStub stub, ClientIdentity identity) {
        this.stub = stub;
        this.msp = identity.getMSPID();
        this.id = identity.getId();
        this.role = identity.getAttributeValue(ROLE_ATTRIBUTE);
        this.project = identity.getAttributeValue(PROJECT_ATTRIBUTE);
    }

    static Caller of(Context ctx) {
        return new Caller(ctx.getStub(), ctx.getClientIdentity());
    }

    String msp() {
        return msp;
    }

    /** The governance settings, read once per transaction and only when an attribute has to be trusted. */
    GovernanceConfig config() {
        if (!configLoaded) {
            byte[] bytes = stub.getState(Keys.governance(stub));
            config = bytes == null || bytes.length == 0 ? null
                    : GovernanceConfig.fromJson(new String(bytes, StandardCharsets.UTF_8));
            configLoaded = true;
        }
        return config;
    }

    /** Whether the caller's MSP is trusted to assert Lepton attributes. */
    boolean trusted() {
        GovernanceConfig c = config();
        return c != null && c.operatorMsps().contains(msp);
    }

    /** Whether the caller's certificate claims the operator role (trusted or not). */
    boolean claimsOperator() {
        return OPERATOR.equals(role);
    }

    boolean isOperator() {
        return claimsOperator() && trusted();
    }

    /** The project the caller acts for: its {@code lepton.project} attribute, if its MSP is trusted. */
    String project() {
        return project != null && Args.SLUG.matcher(project).matches() && trusted() ? project : null;
    }

    /** The caller as recorded on the ledger. Reads governance only when the certificate names a project. */
    Party party() {
        return new Party(msp, id, project == null ? null : project());
    }

    boolean is(Party p) {
        return p != null && msp.equals(p.msp()) && id.equals(p.id());
    }

    /** Refuses unless the caller is the operator. */
    void requireOperator(String action) {
        if (config() == null) {
            throw ErrorCode.NOT_CONFIGURED.refuse("%s needs the operator, and governance is not configured", action);
        }
        if (!isOperator()) {
            throw ErrorCode.ACCESS_DENIED.refuse("only the operator may %s", action);
        }
    }
}
