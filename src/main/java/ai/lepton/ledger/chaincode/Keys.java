package ai.lepton.ledger.chaincode;

import java.util.Locale;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** The ledger keys, all composite keys (so no simple key can collide with them), by object type. */
final class Keys {

    static final String GOVERNANCE = "lepton.governance";
    static final String ANCHOR = "lepton.anchor";
    static final String ANCHOR_HEAD = "lepton.anchor-head";
    static final String BATCH = "lepton.batch";
    static final String LEASE = "lepton.lease";
    static final String LEASE_PERIOD = "lepton.lease-period";
    static final String GRANT = "lepton.grant";
    static final String GRANT_BY_GRANTEE = "lepton.grant-by-grantee";
    static final String ACCESS_DECISION = "lepton.access-decision";

    private Keys() {
    }

    static String governance(ChaincodeStub stub) {
        return stub.createCompositeKey(GOVERNANCE).toString();
    }

    static String anchor(ChaincodeStub stub, String subject) {
        return stub.createCompositeKey(ANCHOR, subject).toString();
    }

    static String anchorHead(ChaincodeStub stub, String artifact) {
        return stub.createCompositeKey(ANCHOR_HEAD, artifact).toString();
    }

    static String batch(ChaincodeStub stub, String merkleRoot) {
        return stub.createCompositeKey(BATCH, merkleRoot).toString();
    }

    static String lease(ChaincodeStub stub, String leaseId) {
        return stub.createCompositeKey(LEASE, leaseId).toString();
    }

    /** Periods are zero-padded so that a partial-key scan lists them in order. */
    static String leasePeriod(ChaincodeStub stub, String leaseId, long period) {
        return stub.createCompositeKey(LEASE_PERIOD, leaseId, String.format(Locale.ROOT, "%05d", period)).toString();
    }

    static String grant(ChaincodeStub stub, String dataset, String grantee, String purpose) {
        return stub.createCompositeKey(GRANT, dataset, grantee, purpose).toString();
    }

    static String grantByGrantee(ChaincodeStub stub, String grantee, String dataset, String purpose) {
        return stub.createCompositeKey(GRANT_BY_GRANTEE, grantee, dataset, purpose).toString();
    }

    static String accessDecision(ChaincodeStub stub, String txId) {
        return stub.createCompositeKey(ACCESS_DECISION, txId).toString();
    }
}
