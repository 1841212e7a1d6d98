package ai.lepton.ledger.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A test double for a Fabric peer: it runs transactions through the shim's real contract routing (the
 * {@code RoutingRegistryImpl}, argument conversion, {@code Context}, {@code ClientIdentity} and execution service a
 * peer's chaincode process uses, assembled by {@link LeptonChaincode}) against an in-memory world state, with
 * Fabric's semantics where the contracts can tell the difference:
 * <ul>
 * <li>a transaction reads the committed state, never its own pending writes;</li>
 * <li>writes, history and the chaincode event are applied only when a submitted transaction succeeds; an evaluated
 * one, or a refused one, changes nothing;</li>
 * <li>{@code getHistoryForKey} returns newest first (Fabric 2.x); partial composite key queries return key order;</li>
 * <li>an empty value written is a deletion;</li>
 * <li>the transaction's timestamp is the peer's {@link #at clock}, its id 64 hex digits.</li>
 * </ul>
 * It is not the embedded ledger (no blocks, no MVCC validation, no endorsement policy): the contracts' tests need
 * only the chaincode's view of a peer.
 */
final class TestPeer {

    private static LeptonChaincode chaincode;
    /** Strong references keep the JUL levels set here from being collected with their loggers. */
    private static final List<Logger> QUIET = new ArrayList<>();

    private final TreeMap<String, byte[]> state = new TreeMap<>();
    private final Map<String, List<Modification>> history = new TreeMap<>();
    private Instant clock = Instant.parse("2025-03-01T00:00:00Z");
    private long txCount;

    /** What the chaincode answered, and the event a committed transaction emitted. */
    record Result(String txId, int status, String message, byte[] payload, String eventName, byte[] eventPayload) {

        boolean ok() {
            return status == Chaincode.Response.Status.SUCCESS.getCode();
        }

        String payloadUtf8() {
            return payload == null ? "" : new String(payload, UTF_8);
        }

        /** The refusal's code: the error payload, as {@link ErrorCode#refuse} sets it. */
        String errorCode() {
            return ok() || payload == null ? null : new String(payload, UTF_8);
        }

        String eventUtf8() {
            return eventPayload == null ? null : new String(eventPayload, UTF_8);
        }

        @Override
        public String toString() {
            return "Result[" + status + ", " + (ok() ? payloadUtf8() : message + " / " + errorCode()) + "]";
        }
    }

    private record Modification(String txId, Instant timestamp, byte[] value) {
    }

    /** One chaincode for all peers: it holds no state between transactions. */
    static synchronized LeptonChaincode chaincode() {
        if (chaincode == null) {
            // the shim logs every refusal as SEVERE with a stack trace; the tests assert on the responses instead
            for (String name : List.of("org.hyperledger.fabric", "org.hyperledger.fabric.contract",
                    "org.hyperledger.fabric.shim")) {
                Logger logger = Logger.getLogger(name);
                logger.setLevel(Level.OFF);
                QUIET.add(logger);
            }
            chaincode = new LeptonChaincode();
        }
        return chaincode;
    }

    /** Sets the clock: the timestamp of the following transactions. */
    TestPeer at(Instant instant) {
        clock = instant;
        return this;
    }

    Instant now() {
        return clock;
    }

    /** Moves the clock forward. */
    TestPeer advance(Duration duration) {
        clock = clock.plus(duration);
        return this;
    }

    /** Endorses and commits a transaction: {@code function} is {@code "Contract:function"} or a default one. */
    Result submit(TestIdentity who, String function, String... args) {
        return run(who, true, function, args);
    }

    /** Runs a query: nothing it writes is kept. */
    Result evaluate(TestIdentity who, String function, String... args) {
        return run(who, false, function, args);
    }

    /** Number of keys in the world state (to show that refused transactions wrote nothing). */
    int stateSize() {
        return state.size();
    }

    /** A raw committed value, for assertions on exact bytes. */
    String committed(String key) {
        byte[] value = state.get(key);
        return value == null ? null : new String(value, UTF_8);
    }

    /** The committed keys, sorted. */
    List<String> keys() {
        return List.copyOf(state.keySet());
    }

    private Result run(TestIdentity who, boolean commit, String function, String... args) {
        String txId = txId(++txCount);
        List<byte[]> all = new ArrayList<>();
        all.add(function.getBytes(UTF_8));
        for (String a : args) {
            all.add(a == null ? new byte[0] : a.getBytes(UTF_8));
        }
        TxStub stub = new TxStub(txId, clock, who.creator(), all);
        Chaincode.Response response = chaincode().invoke(stub);
        boolean ok = response.getStatus() == Chaincode.Response.Status.SUCCESS;
        if (ok && commit) {
            for (Map.Entry<String, byte[]> w : stub.writes.entrySet()) {
                byte[] value = w.getValue();
                if (value == null || value.length == 0) {
                    state.remove(w.getKey());
                } else {
                    state.put(w.getKey(), value);
                }
                history.computeIfAbsent(w.getKey(), k -> new ArrayList<>())
                        .add(new Modification(txId, clock, value == null || value.length == 0 ? null : value));
            }
        }
        boolean emitted = ok && commit && stub.eventName != null;
        return new Result(txId, response.getStatus().getCode(), response.getMessage(), response.getPayload(),
                emitted ? stub.eventName : null, emitted ? stub.eventPayload : null);
    }

    private static String txId(long n) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(("tx-" + n).getBytes(UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chaincode's view of one transaction. */
    private final class TxStub implements ChaincodeStub {
        private final String txId;
        private final Instant timestamp;
        private final byte[] creator;
        private final List<byte[]> args;
        private final Map<String, byte[]> writes = new LinkedHashMap<>();
        private String eventName;
        private byte[] eventPayload;

        TxStub(String txId, Instant timestamp, byte[] creator, List<byte[]> args) {
            this.txId = txId;
            this.timestamp = timestamp;
            this.creator = creator;
            this.args = List.copyOf(args);
        }

        @Override
        public List<byte[]> getArgs() {
            return args;
        }

        @Override
        public List<String> getStringArgs() {
            return args.stream().map(a -> new String(a, UTF_8)).toList();
        }

        @Override
        public String getFunction() {
            return getStringArgs().isEmpty() ? null : getStringArgs().get(0);
        }

        @Override
        public List<String> getParameters() {
            return getStringArgs().stream().skip(1).toList();
        }

        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public String getChannelId() {
            return "lepton";
        }

        @Override
        public byte[] getState(String key) {
            byte[] value = state.get(key);
            return value == null ? new byte[0] : value.clone();
        }

        @Override
        public void putState(String key, byte[] value) {
            if (!key.startsWith(CompositeKey.NAMESPACE)) {
                CompositeKey.validateSimpleKeys(key);
            }
            writes.put(key, value == null ? null : value.clone());
        }

        @Override
        public void delState(String key) {
            writes.put(key, null);
        }

        @Override
        public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
            return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
        }

        @Override
        public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
            return getStateByPartialCompositeKey(compositeKey.toString());
        }

        @Override
        public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
            List<KeyValue> found = new ArrayList<>();
            for (Map.Entry<String, byte[]> e : state.tailMap(compositeKey, true).entrySet()) {
                if (!e.getKey().startsWith(compositeKey)) {
                    break;
                }
                found.add(new Kv(e.getKey(), e.getValue().clone()));
            }
            return iterator(found);
        }

        @Override
        public CompositeKey createCompositeKey(String objectType, String... attributes) {
            return new CompositeKey(objectType, attributes);
        }

        @Override
        public CompositeKey splitCompositeKey(String compositeKey) {
            return CompositeKey.parseCompositeKey(compositeKey);
        }

        @Override
        public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
            List<KeyModification> found = new ArrayList<>();
            for (Modification m : history.getOrDefault(key, List.of())) {
                found.add(new Mod(m));
            }
            Collections.reverse(found);
            return iterator(found);
        }

        @Override
        public void setEvent(String name, byte[] payload) {
            eventName = name;
            eventPayload = payload == null ? null : payload.clone();
        }

        @Override
        public Instant getTxTimestamp() {
            return timestamp;
        }

        @Override
        public byte[] getCreator() {
            return creator.clone();
        }

        @Override
        public Map<String, byte[]> getTransient() {
            return Map.of();
        }

        @Override
        public String getMspId() {
            return "Org1MSP";
        }

        // ------------------------------------------------------------- not used by Lepton's contracts

        @Override
        public Chaincode.Response invokeChaincode(String chaincodeName, List<byte[]> a, String channel) {
            throw new UnsupportedOperationException("invokeChaincode");
        }

        @Override
        public byte[] getStateValidationParameter(String key) {
            throw new UnsupportedOperationException("getStateValidationParameter");
        }

        @Override
        public void setStateValidationParameter(String key, byte[] value) {
            throw new UnsupportedOperationException("setStateValidationParameter");
        }

        @Override
        public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
            throw new UnsupportedOperationException("getStateByRange");
        }

        @Override
        public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey,
                String endKey, int pageSize, String bookmark) {
            throw new UnsupportedOperationException("getStateByRangeWithPagination");
        }

        @Override
        public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
                CompositeKey compositeKey, int pageSize, String bookmark) {
            throw new UnsupportedOperationException("getStateByPartialCompositeKeyWithPagination");
        }

        @Override
        public QueryResultsIterator<KeyValue> getQueryResult(String query) {
            throw new UnsupportedOperationException("getQueryResult (CouchDB rich queries)");
        }

        @Override
        public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
                String bookmark) {
            throw new UnsupportedOperationException("getQueryResultWithPagination");
        }

        @Override
        public byte[] getPrivateData(String collection, String key) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public byte[] getPrivateDataHash(String collection, String key) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public byte[] getPrivateDataValidationParameter(String collection, String key) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public void putPrivateData(String collection, String key, byte[] value) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public void delPrivateData(String collection, String key) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public void purgePrivateData(String collection, String key) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey,
                String endKey) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
                String compositeKey) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
                CompositeKey compositeKey) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
                String objectType, String... attributes) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
            throw new UnsupportedOperationException("private data");
        }

        @Override
        public ChaincodeEvent getEvent() {
            throw new UnsupportedOperationException("getEvent");
        }

        @Override
        public SignedProposal getSignedProposal() {
            throw new UnsupportedOperationException("getSignedProposal");
        }

        @Override
        public byte[] getBinding() {
            throw new UnsupportedOperationException("getBinding");
        }
    }

    private record Kv(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }
    }

    private record Mod(Modification m) implements KeyModification {
        @Override
        public String getTxId() {
            return m.txId();
        }

        @Override
        public byte[] getValue() {
            return m.value() == null ? new byte[0] : m.value().clone();
        }

        @Override
        public String getStringValue() {
            return new String(getValue(), UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return m.timestamp();
        }

        @Override
        public boolean isDeleted() {
            return m.value() == null;
        }
    }

    private static <T> QueryResultsIterator<T> iterator(List<T> items) {
        return new QueryResultsIterator<>() {
            @Override
            public Iterator<T> iterator() {
                return items.iterator();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String toString() {
        return "TestPeer" + Arrays.asList(clock, txCount);
    }
}
