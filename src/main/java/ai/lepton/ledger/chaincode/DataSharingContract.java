package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.jboss.logging.Logger;

/**
 * Purpose-bound, expiring permissions for projects to use other projects' datasets, and an audit trail of every
 * access decision.
 *
 * <p>A dataset is named {@code <owner project>/<dataset>}; its owner project (an identity whose certificate carries
 * {@code lepton.project=<owner>} from a trusted MSP) or the operator grants and revokes. {@code checkAccess} is a
 * submitted transaction: each decision, allowed or denied, is written under its transaction id, so the ledger shows
 * who asked for what and what they were told. Grants are listed per dataset and per grantee through composite keys.
 */
@Contract(name = "DataSharing", info = @Info(title = "Lepton data sharing", version = "1"))
public final class DataSharingContract implements ContractInterface {

    private static final Logger LOG = Logger.getLogger(DataSharingContract.class);

    /** The value of index entries: Fabric treats an empty value as a deletion. */
    private static final byte[] INDEX_VALUE = {0};

    /**
     * Grants {@code grantee} access to {@code dataset} for {@code purpose} until {@code expiresAt}. Granting an
     * existing grant again replaces its expiry and re-activates it if it was revoked.
     *
     * @param dataset {@code <owner project>/<dataset>}
     * @param grantee the project granted access (not the owner)
     * @param purpose a slug such as {@code training}
     * @param expiresAt an ISO-8601 instant after this transaction's timestamp
     * @return the {@link Grant} JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String grant(Context ctx, String dataset, String grantee, String purpose, String expiresAt) {
        String owner = owner(dataset);
        Args.match("grantee", grantee, Args.SLUG);
        Args.match("purpose", purpose, Args.SLUG);
        Instant expiry = Args.instant("expiresAt", expiresAt);
        if (grantee.equals(owner)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("project %s owns %s; it needs no grant", owner, dataset);
        }
        Caller caller = Caller.of(ctx);
        requireOwnerOrOperator(caller, owner, "grant access to " + dataset);
        ChaincodeStub stub = ctx.getStub();
        Instant now = stub.getTxTimestamp();
        if (!expiry.isAfter(now)) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("expiresAt %s is not after the transaction's time %s", expiry,
                    now);
        }
        Grant grant = new Grant(dataset, owner, grantee, purpose, expiry, Grant.Status.ACTIVE, caller.party(), now,
                stub.getTxId(), null, null);
        String json = grant.toJson();
        State.put(stub, Keys.grant(stub, dataset, grantee, purpose), json);
        stub.putState(Keys.grantByGrantee(stub, grantee, dataset, purpose), INDEX_VALUE);
        State.event(stub, "AccessGranted", json);
        LOG.debugf("%s granted to %s for %s until %s (tx %s)", dataset, grantee, purpose, expiry, stub.getTxId());
        return json;
    }

    /**
     * Revokes a grant. The owner project or the operator. Revoking a revoked grant returns it unchanged.
     *
     * @return the {@link Grant} JSON, {@code REVOKED}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revoke(Context ctx, String dataset, String grantee, String purpose) {
        String owner = owner(dataset);
        Args.match("grantee", grantee, Args.SLUG);
        Args.match("purpose", purpose, Args.SLUG);
        Caller caller = Caller.of(ctx);
        requireOwnerOrOperator(caller, owner, "revoke access to " + dataset);
        ChaincodeStub stub = ctx.getStub();
        String key = Keys.grant(stub, dataset, grantee, purpose);
        String existing = State.get(stub, key);
        if (existing == null) {
            throw ErrorCode.NOT_FOUND.refuse("no grant of %s to %s for %s", dataset, grantee, purpose);
        }
        Grant grant = Grant.fromJson(existing);
        if (grant.status() == Grant.Status.REVOKED) {
            return existing;
        }
        String json = grant.revoked(caller.party(), stub.getTxTimestamp(), stub.getTxId()).toJson();
        State.put(stub, key, json);
        State.event(stub, "AccessRevoked", json);
        LOG.debugf("%s revoked from %s for %s (tx %s)", dataset, grantee, purpose, stub.getTxId());
        return json;
    }

    /**
     * Decides whether {@code project} may use {@code dataset} for {@code purpose} at this transaction's timestamp, and
     * records the decision under the transaction id. Asked by the operator, the project itself or the dataset's
     * owner. A denial is an answer, not an error.
     *
     * @return the {@link AccessDecision} JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String checkAccess(Context ctx, String dataset, String project, String purpose) {
        String owner = owner(dataset);
        Args.match("project", project, Args.SLUG);
        Args.match("purpose", purpose, Args.SLUG);
        Caller caller = Caller.of(ctx);
        String acting = caller.project();
        if (!caller.isOperator() && !project.equals(acting) && !owner.equals(acting)) {
            if (caller.config() == null) {
                throw ErrorCode.NOT_CONFIGURED.refuse("no identity can be recognised before governance is configured");
            }
            throw ErrorCode.ACCESS_DENIED.refuse("only the operator, project %s or owner %s may ask", project, owner);
        }
        ChaincodeStub stub = ctx.getStub();
        Instant now = stub.getTxTimestamp();
        AccessDecision.Reason reason;
        Grant grant = null;
        if (project.equals(owner)) {
            reason = AccessDecision.Reason.OWNER;
        } else {
            String json = State.get(stub, Keys.grant(stub, dataset, project, purpose));
            grant = json == null ? null : Grant.fromJson(json);
            if (grant == null) {
                reason = AccessDecision.Reason.NO_GRANT;
            } else if (grant.status() == Grant.Status.REVOKED) {
                reason = AccessDecision.Reason.REVOKED;
            } else if (!now.isBefore(grant.expiresAt())) {
                reason = AccessDecision.Reason.EXPIRED;
            } else {
                reason = AccessDecision.Reason.GRANTED;
            }
        }
        boolean allowed = reason == AccessDecision.Reason.OWNER || reason == AccessDecision.Reason.GRANTED;
        AccessDecision decision = new AccessDecision(stub.getTxId(), dataset, project, purpose, allowed, reason,
                grant == null ? null : grant.expiresAt(), grant == null ? null : grant.txId(), caller.party(), now);
        String json = decision.toJson();
        State.put(stub, Keys.accessDecision(stub, stub.getTxId()), json);
        State.event(stub, "AccessDecided", json);
        return json;
    }

    /**
     * A recorded decision.
     *
     * @param txId the deciding transaction's id
     * @return the {@link AccessDecision} JSON; {@link ErrorCode#NOT_FOUND} when there is none
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDecision(Context ctx, String txId) {
        Args.match("txId", txId, Args.ID);
        String json = State.get(ctx.getStub(), Keys.accessDecision(ctx.getStub(), txId));
        if (json == null) {
            throw ErrorCode.NOT_FOUND.refuse("no access decision in tx %s", txId);
        }
        return json;
    }

    /**
     * Every grant of a dataset, active, expired or revoked, by grantee then purpose.
     *
     * @return a JSON array of {@link Grant}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listByDataset(Context ctx, String dataset) {
        owner(dataset);
        List<Object> grants = new ArrayList<>();
        for (String json : State.values(ctx.getStub(), Keys.GRANT, dataset)) {
            grants.add(new Json.Raw(json));
        }
        return Json.write(grants);
    }

    /**
     * Every grant to a project, active, expired or revoked, by dataset then purpose.
     *
     * @return a JSON array of {@link Grant}
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listByGrantee(Context ctx, String project) {
        Args.match("project", project, Args.SLUG);
        ChaincodeStub stub = ctx.getStub();
        List<Object> grants = new ArrayList<>();
        for (String indexKey : State.keys(stub, Keys.GRANT_BY_GRANTEE, project)) {
            CompositeKey parts = stub.splitCompositeKey(indexKey);
            List<String> a = parts.getAttributes();
            String json = State.get(stub, Keys.grant(stub, a.get(1), a.get(0), a.get(2)));
            if (json != null) {
                grants.add(new Json.Raw(json));
            }
        }
        return Json.write(grants);
    }

    /** Validates a dataset name and returns its owner project. */
    private static String owner(String dataset) {
        Matcher m = Args.DATASET.matcher(dataset == null ? "" : dataset);
        if (!m.matches()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("dataset %s does not match %s", Args.quote(dataset),
                    Args.DATASET.pattern());
        }
        return m.group(1);
    }

    private static void requireOwnerOrOperator(Caller caller, String owner, String action) {
        if (caller.isOperator() || owner.equals(caller.project())) {
            return;
        }
        if (caller.config() == null) {
            throw ErrorCode.NOT_CONFIGURED.refuse("%s needs a trusted project identity, and governance is not "
                    + "configured", action);
        }
        throw ErrorCode.ACCESS_DENIED.refuse("only project %s or the operator may %s", owner, action);
    }
}
