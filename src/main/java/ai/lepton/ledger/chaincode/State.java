package ai.lepton.ledger.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;

/**
 * World-state access in UTF-8 JSON. Remember Fabric's rule: a transaction reads the committed state, never its own
 * pending writes.
 */
final class State {

    private State() {
    }

    /** The value under {@code key}, or {@code null} when there is none. */
    static String get(ChaincodeStub stub, String key) {
        byte[] bytes = stub.getState(key);
        return bytes == null || bytes.length == 0 ? null : new String(bytes, UTF_8);
    }

    static void put(ChaincodeStub stub, String key, String json) {
        stub.putState(key, json.getBytes(UTF_8));
    }

    /** Sets the transaction's chaincode event (Fabric keeps one per transaction: the last set wins). */
    static void event(ChaincodeStub stub, String name, String json) {
        stub.setEvent(name, json.getBytes(UTF_8));
    }

    /** The values under a partial composite key, in key order. */
    static List<String> values(ChaincodeStub stub, String objectType, String... attributes) {
        List<String> values = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(objectType, attributes)) {
            for (KeyValue kv : results) {
                values.add(kv.getStringValue());
            }
        } catch (Exception e) {
            throw asRuntime(e);
        }
        return values;
    }

    /** The keys under a partial composite key, in key order. */
    static List<String> keys(ChaincodeStub stub, String objectType, String... attributes) {
        List<String> keys = new ArrayList<>();
        try (QueryResultsIterator<KeyValue> results = stub.getStateByPartialCompositeKey(objectType, attributes)) {
            for (KeyValue kv : results) {
                keys.add(kv.getKey());
            }
        } catch (Exception e) {
            throw asRuntime(e);
        }
        return keys;
    }

    /**
     * The key's history as a JSON array, in the order the peer returns it (Fabric 2.x: newest first), each entry
     * {@code {"deleted":false,"timestamp":"...","txId":"...","value":{...}}}; {@code value} is absent for deletions.
     */
    static String history(ChaincodeStub stub, String key) {
        List<Object> entries = new ArrayList<>();
        try (QueryResultsIterator<KeyModification> results = stub.getHistoryForKey(key)) {
            for (KeyModification m : results) {
                byte[] value = m.getValue();
                entries.add(Json.obj().put("txId", m.getTxId()).put("timestamp", m.getTimestamp().toString())
                        .put("deleted", m.isDeleted())
                        .put("value", m.isDeleted() || value == null || value.length == 0 ? null
                                : new Json.Raw(new String(value, UTF_8))));
            }
        } catch (Exception e) {
            throw asRuntime(e);
        }
        return Json.write(entries);
    }

    private static RuntimeException asRuntime(Exception e) {
        return e instanceof RuntimeException r ? r : new IllegalStateException("closing a ledger iterator failed", e);
    }
}
