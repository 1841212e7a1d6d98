package ai.lepton.ledger.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * The {@link ChaincodeStub} a contract sees during one simulation, with a Fabric peer's semantics on a LevelDB state
 * database:
 *
 * <ul>
 *   <li>reads see the committed state only, never the transaction's own writes (Fabric has no read-your-writes);
 *       a missing key reads as an empty array, as the peer returns it;</li>
 *   <li>every read records the key's version, every range query the keys and versions it iterated, for validation
 *       at commit (MVCC and phantom reads); writes are buffered and sorted by key;</li>
 *   <li>writing an empty value deletes the key, as in Fabric's read-write set;</li>
 *   <li>range queries run in UTF-8 byte order; an empty start key means the first simple key, an empty end key no
 *       limit; composite keys ({@code \u0000type\u0000attr\u0000...}) are outside simple-key ranges;</li>
 *   <li>history is newest first (Fabric 2.x), with only valid transactions;</li>
 *   <li>paginated queries are allowed only in transactions that write nothing (the ledger rejects the transaction
 *       otherwise, as the peer does);</li>
 *   <li>rich (CouchDB) queries, private data, key-level endorsement parameters, chaincode-to-chaincode calls and the
 *       signed proposal do not exist here: those methods throw {@link UnsupportedOperationException}.</li>
 * </ul>
 *
 * Not thread-safe: one simulation, one thread, as on a peer.
 */
final class EmbeddedStub implements ChaincodeStub {

    static final String UNSPECIFIED_START_KEY = new String(Character.toChars(0x000001));
    static final String MAX_UNICODE_RUNE = "\udbff\udfff";

    /** What the stub needs from its ledger. */
    interface Host {
        String channelId();

        String mspId();

        String chaincodeName();

        WorldState state();

        Tx readTx(long version);
    }

    private final Host host;
    private final String txId;
    private final Instant timestamp;
    private final byte[] creator;
    private final byte[] binding;
    private final List<byte[]> args;
    private final Map<String, Long> reads = new TreeMap<>(KeyOrder.CODE_POINT);
    private final NavigableMap<String, Tx.Write> writes = new TreeMap<>(KeyOrder.CODE_POINT);
    private final List<RangeIterator> ranges = new ArrayList<>();
    private Tx.Event event;
    private boolean paginated;
    private boolean finished;

    EmbeddedStub(Host host, String txId, Instant timestamp, byte[] creator, byte[] binding, List<byte[]> args) {
        this.host = host;
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator;
        this.binding = binding;
        this.args = args;
    }

    // ----- what the ledger reads back after the simulation

    void finish() {
        finished = true;
    }

    List<Tx.Read> readSet() {
        List<Tx.Read> list = new ArrayList<>(reads.size());
        reads.forEach((k, v) -> list.add(new Tx.Read(k, v)));
        return list;
    }

    List<Tx.RangeRead> rangeReads() {
        List<Tx.RangeRead> list = new ArrayList<>(ranges.size());
        for (RangeIterator r : ranges) {
            list.add(new Tx.RangeRead(r.start, r.end, r.exhausted, List.copyOf(r.results)));
        }
        return list;
    }

    List<Tx.Write> writeSet() {
        return new ArrayList<>(writes.values());
    }

    Tx.Event chaincodeEvent() {
        return event;
    }

    boolean usedPagination() {
        return paginated;
    }

    private void live() {
        if (finished) {
            throw new IllegalStateException("transaction " + txId + " has finished; its stub cannot be used");
        }
    }

    // ----- invocation

    @Override
    public List<byte[]> getArgs() {
        List<byte[]> copy = new ArrayList<>(args.size());
        for (byte[] a : args) {
            copy.add(a.clone());
        }
        return copy;
    }

    @Override
    public List<String> getStringArgs() {
        List<String> list = new ArrayList<>(args.size());
        for (byte[] a : args) {
            list.add(new String(a, UTF_8));
        }
        return list;
    }

    @Override
    public String getFunction() {
        return args.isEmpty() ? null : new String(args.get(0), UTF_8);
    }

    @Override
    public List<String> getParameters() {
        List<String> all = getStringArgs();
        return all.isEmpty() ? all : all.subList(1, all.size());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return host.channelId();
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
        return Collections.emptyMap();
    }

    @Override
    public byte[] getBinding() {
        return binding.clone();
    }

    @Override
    public String getMspId() {
        return host.mspId();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw unsupported("getSignedProposal", "invocations reach the embedded ledger in-process, not as signed "
                + "proposals; use getCreator(), getTxId() and getTxTimestamp()");
    }

    // ----- state

    @Override
    public byte[] getState(String key) {
        live();
        Objects.requireNonNull(key, "key cannot be null");
        WorldState.Entry e = host.state().map.get(key);
        boolean present = e != null && e.value != null;
        reads.putIfAbsent(key, present ? e.version : Versions.NONE);
        return present ? e.value.clone() : new byte[0];
    }

    @Override
    public void putState(String key, byte[] value) {
        live();
        validateKey(key);
        Objects.requireNonNull(value, "value cannot be null");
        // Fabric's read-write set marks a write with an empty value as a delete
        writes.put(key, new Tx.Write(key, value.length == 0, value.clone()));
    }

    @Override
    public void delState(String key) {
        live();
        validateKey(key);
        writes.put(key, new Tx.Write(key, true, new byte[0]));
    }

    @Override
    public byte[] getStateValidationParameter(String key) {
        throw unsupported("getStateValidationParameter", "key-level endorsement policies need several "
                + "endorsing organisations; the embedded ledger is one");
    }

    @Override
    public void setStateValidationParameter(String key, byte[] value) {
        throw unsupported("setStateValidationParameter", "key-level endorsement policies need several "
                + "endorsing organisations; the embedded ledger is one");
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(String startKey, String endKey) {
        live();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return range(start, end);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(String startKey, String endKey,
            int pageSize, String bookmark) {
        live();
        String start = startKey == null || startKey.isEmpty() ? UNSPECIFIED_START_KEY : startKey;
        String end = endKey == null ? "" : endKey;
        CompositeKey.validateSimpleKeys(start, end);
        return page(start, end, pageSize, bookmark);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String compositeKey) {
        CompositeKey key = compositeKey.startsWith(CompositeKey.NAMESPACE)
                ? CompositeKey.parseCompositeKey(compositeKey) : new CompositeKey(compositeKey);
        return getStateByPartialCompositeKey(key);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(String objectType, String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(CompositeKey compositeKey) {
        live();
        String prefix = compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString()
                : compositeKey.toString();
        return range(prefix, prefix + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(
            CompositeKey compositeKey, int pageSize, String bookmark) {
        live();
        String prefix = compositeKey == null ? new CompositeKey(UNSPECIFIED_START_KEY).toString()
                : compositeKey.toString();
        return page(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
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
    public QueryResultsIterator<KeyValue> getQueryResult(String query) {
        throw unsupported("getQueryResult", "rich queries need a CouchDB state database; the embedded ledger's "
                + "state is key-ordered like LevelDB: use range or composite-key queries");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(String query, int pageSize,
            String bookmark) {
        throw unsupported("getQueryResultWithPagination", "rich queries need a CouchDB state database; the "
                + "embedded ledger's state is key-ordered like LevelDB: use range or composite-key queries");
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(String key) {
        live();
        WorldState.Entry e = host.state().map.get(key);
        long[] versions = new long[e == null ? 0 : e.historyCount];
        for (int i = 0; i < versions.length; i++) {
            versions[i] = e.history[e.historyCount - 1 - i];
        }
        return new HistoryIterator(key, versions);
    }

    @Override
    public void setEvent(String name, byte[] payload) {
        live();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("event name can not be nil string");
        }
        event = new Tx.Event(name, payload == null ? new byte[0] : payload.clone());
    }

    @Override
    public ChaincodeEvent getEvent() {
        if (event == null) {
            return null;
        }
        return ChaincodeEvent.newBuilder().setChaincodeId(host.chaincodeName()).setTxId(txId)
                .setEventName(event.name()).setPayload(ByteString.copyFrom(event.payload())).build();
    }

    // ----- not on a single-organisation in-process ledger

    @Override
    public Response invokeChaincode(String chaincodeName, List<byte[]> args, String channel) {
        throw unsupported("invokeChaincode", "the embedded ledger runs one chaincode (every @Contract on the "
                + "class path); call the other contract's class directly, or route with \"Contract:function\"");
    }

    @Override
    public byte[] getPrivateData(String collection, String key) {
        throw privateData("getPrivateData");
    }

    @Override
    public byte[] getPrivateDataHash(String collection, String key) {
        throw privateData("getPrivateDataHash");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(String collection, String key) {
        throw privateData("getPrivateDataValidationParameter");
    }

    @Override
    public void putPrivateData(String collection, String key, byte[] value) {
        throw privateData("putPrivateData");
    }

    @Override
    public void setPrivateDataValidationParameter(String collection, String key, byte[] value) {
        throw privateData("setPrivateDataValidationParameter");
    }

    @Override
    public void delPrivateData(String collection, String key) {
        throw privateData("delPrivateData");
    }

    @Override
    public void purgePrivateData(String collection, String key) {
        throw privateData("purgePrivateData");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(String collection, String startKey, String endKey) {
        throw privateData("getPrivateDataByRange");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
            String compositeKey) {
        throw privateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection,
            CompositeKey compositeKey) {
        throw privateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(String collection, String objectType,
            String... attributes) {
        throw privateData("getPrivateDataByPartialCompositeKey");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(String collection, String query) {
        throw privateData("getPrivateDataQueryResult");
    }

    private static UnsupportedOperationException privateData(String method) {
        return unsupported(method, "private data collections are shared between organisations' peers; the "
                + "embedded ledger has one organisation and no gossip, so there is nothing to keep private from");
    }

    private static UnsupportedOperationException unsupported(String method, String why) {
        return new UnsupportedOperationException(method + " is not supported by the embedded ledger: " + why);
    }

    private static void validateKey(String key) {
        Objects.requireNonNull(key, "key cannot be null");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key cannot not be an empty string");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("invalid key: it is not a UTF-8 string (unpaired surrogate)");
            }
        }
    }

    // ----- iterators

    private NavigableMap<String, WorldState.Entry> slice(String from, boolean inclusive, String end) {
        NavigableMap<String, WorldState.Entry> map = host.state().map;
        return end.isEmpty() ? map.tailMap(from, inclusive) : map.subMap(from, inclusive, end, false);
    }

    private RangeIterator range(String start, String end) {
        RangeIterator r = new RangeIterator(start, end, slice(start, true, end).entrySet().iterator());
        ranges.add(r);
        return r;
    }

    private QueryResultsIteratorWithMetadata<KeyValue> page(String start, String end, int pageSize,
            String bookmark) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive, was " + pageSize);
        }
        paginated = true;
        String from = bookmark == null || bookmark.isEmpty() ? start : bookmark;
        List<KeyValue> page = new ArrayList<>();
        String next = "";
        for (Map.Entry<String, WorldState.Entry> e : slice(from, true, end).entrySet()) {
            if (e.getValue().value == null) {
                continue;
            }
            if (page.size() == pageSize) {
                next = e.getKey();
                break;
            }
            page.add(new Kv(e.getKey(), e.getValue().value));
        }
        QueryResponseMetadata meta = QueryResponseMetadata.newBuilder().setFetchedRecordsCount(page.size())
                .setBookmark(next).build();
        return new QueryResultsIteratorWithMetadata<>() {
            @Override
            public QueryResponseMetadata getMetadata() {
                return meta;
            }

            @Override
            public Iterator<KeyValue> iterator() {
                return page.iterator();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    /** A live range query; records what the contract actually iterated. */
    private final class RangeIterator implements QueryResultsIterator<KeyValue>, Iterator<KeyValue> {
        final String start;
        final String end;
        final List<Tx.Read> results = new ArrayList<>();
        boolean exhausted;
        private final Iterator<Map.Entry<String, WorldState.Entry>> it;
        private Map.Entry<String, WorldState.Entry> ahead;
        private boolean closed;

        RangeIterator(String start, String end, Iterator<Map.Entry<String, WorldState.Entry>> it) {
            this.start = start;
            this.end = end;
            this.it = it;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            if (closed) {
                return false;
            }
            live();
            while (ahead == null && it.hasNext()) {
                Map.Entry<String, WorldState.Entry> e = it.next();
                if (e.getValue().value != null) {
                    ahead = e;
                }
            }
            if (ahead == null) {
                exhausted = true;
                return false;
            }
            return true;
        }

        @Override
        public KeyValue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, WorldState.Entry> e = ahead;
            ahead = null;
            results.add(new Tx.Read(e.getKey(), e.getValue().version));
            return new Kv(e.getKey(), e.getValue().value);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final class HistoryIterator implements QueryResultsIterator<KeyModification> {
        private final String key;
        private final long[] versions;

        HistoryIterator(String key, long[] versions) {
            this.key = key;
            this.versions = versions;
        }

        @Override
        public Iterator<KeyModification> iterator() {
            return new Iterator<>() {
                int i;

                @Override
                public boolean hasNext() {
                    return i < versions.length;
                }

                @Override
                public KeyModification next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    live();
                    Tx tx = host.readTx(versions[i++]);
                    for (Tx.Write w : tx.writes()) {
                        if (w.key().equals(key)) {
                            return new Modification(tx.txIdHex(), w.delete() ? new byte[0] : w.value(),
                                    tx.timestamp(), w.delete());
                        }
                    }
                    throw new UncheckedIOException(new IOException("transaction " + tx.txIdHex()
                            + " in the history of " + key + " does not write it"));
                }
            };
        }

        @Override
        public void close() {
            // nothing held
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

    private record Modification(String txId, byte[] value, Instant timestamp, boolean deleted)
            implements KeyModification {
        @Override
        public String getTxId() {
            return txId;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, UTF_8);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }

        @Override
        public boolean isDeleted() {
            return deleted;
        }
    }
}
