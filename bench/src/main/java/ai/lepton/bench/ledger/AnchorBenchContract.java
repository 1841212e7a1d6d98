package ai.lepton.bench.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The benchmark's stand-in for the real ProvenanceContract (written on another branch): anchors a subject's digest
 * once, idempotently. Anchoring the same digest again returns the existing record and writes nothing; another
 * digest for an anchored subject is refused.
 */
@Contract(name = "AnchorContract")
public final class AnchorBenchContract implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchor(Context ctx, String subject, String digest) {
        ChaincodeStub stub = ctx.getStub();
        String key = stub.createCompositeKey("anchor", subject).toString();
        byte[] existing = stub.getState(key);
        if (existing.length > 0) {
            String record = new String(existing, UTF_8);
            if (!record.contains("\"digest\":\"" + digest + "\"")) {
                throw new ChaincodeException("subject " + subject + " is anchored with another digest", "CONFLICT");
            }
            return record;
        }
        String record = "{\"subject\":\"" + subject + "\",\"digest\":\"" + digest + "\",\"project\":\""
                + ctx.getClientIdentity().getAttributeValue("lepton.project") + "\",\"txId\":\"" + stub.getTxId()
                + "\",\"timestamp\":\"" + stub.getTxTimestamp() + "\"}";
        stub.putState(key, record.getBytes(UTF_8));
        stub.setEvent("Anchored", subject.getBytes(UTF_8));
        return record;
    }
}
