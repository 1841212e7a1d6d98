package ai.lepton.ledger.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.contract.ClientIdentity;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A small key-value contract for the embedded ledger's tests, written as chaincode for a real peer would be. It is
 * found on the class path by the shim's router like any other contract.
 */
@Contract(name = "KeyValueContract", info = @Info(title = "Key-value test contract", version = "1"))
public final class KeyValueContract implements ContractInterface {

    /** Error codes, sent as the error payload as fabric-samples do. */
    enum ErrorCode {
        NOT_FOUND, INSUFFICIENT_FUNDS, BAD_THING
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void put(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        ctx.getStub().setEvent("Put", key.getBytes(UTF_8));
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String key) {
        byte[] v = ctx.getStub().getState(key);
        if (v == null || v.length == 0) {
            throw new ChaincodeException("key " + key + " does not exist", ErrorCode.NOT_FOUND.name());
        }
        return new String(v, UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void delete(Context ctx, String key) {
        get(ctx, key);
        ctx.getStub().delState(key);
    }

    /** Writes {@code key}, then reads it back in the same transaction: Fabric returns the committed value. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String putThenGet(Context ctx, String key, String value) {
        ctx.getStub().putStringState(key, value);
        return "[" + new String(ctx.getStub().getState(key), UTF_8) + "]";
    }

    /** A read-modify-write: the classic MVCC conflict when two run against the same committed version. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String increment(Context ctx, String key) {
        byte[] v = ctx.getStub().getState(key);
        long n = v.length == 0 ? 0 : Long.parseLong(new String(v, UTF_8));
        ctx.getStub().putStringState(key, Long.toString(n + 1));
        return Long.toString(n + 1);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void transfer(Context ctx, String from, String to, String amount) {
        long a = Long.parseLong(amount);
        long fromBalance = Long.parseLong(get(ctx, from));
        byte[] t = ctx.getStub().getState(to);
        long toBalance = t.length == 0 ? 0 : Long.parseLong(new String(t, UTF_8));
        if (fromBalance < a) {
            throw new ChaincodeException(from + " has " + fromBalance + ", needs " + amount,
                    ErrorCode.INSUFFICIENT_FUNDS.name());
        }
        ctx.getStub().putStringState(from, Long.toString(fromBalance - a));
        ctx.getStub().putStringState(to, Long.toString(toBalance + a));
        ctx.getStub().setEvent("Transferred", (from + "->" + to + ":" + amount).getBytes(UTF_8));
    }

    /** {@code [{"txId":..,"timestamp":..,"value":..,"isDelete":..},...]}, newest first. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String key) throws Exception {
        StringBuilder sb = new StringBuilder("[");
        try (QueryResultsIterator<KeyModification> it = ctx.getStub().getHistoryForKey(key)) {
            for (KeyModification m : it) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append("{\"txId\":\"").append(m.getTxId()).append("\",\"timestamp\":\"").append(m.getTimestamp())
                        .append("\",\"value\":\"").append(m.getStringValue()).append("\",\"isDelete\":")
                        .append(m.isDeleted()).append('}');
            }
        }
        return sb.append(']').toString();
    }

    /** Keys and values in [start, end), as {@code k=v;k=v}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String range(Context ctx, String start, String end) throws Exception {
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
            return join(it);
        }
    }

    /** Counts the keys in [start, end) and records the count under {@code key}: a range read in a writing tx. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String countInto(Context ctx, String start, String end, String key) throws Exception {
        int n = 0;
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByRange(start, end)) {
            for (KeyValue kv : it) {
                n++;
            }
        }
        ctx.getStub().putStringState(key, Integer.toString(n));
        return Integer.toString(n);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void putComposite(Context ctx, String objectType, String a, String b, String value) {
        ChaincodeStub stub = ctx.getStub();
        stub.putStringState(stub.createCompositeKey(objectType, a, b).toString(), value);
    }

    /** Values of the composite keys {@code objectType/attr/...}; an empty attr means the whole object type. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String byPartial(Context ctx, String objectType, String attr) throws Exception {
        String[] attrs = attr.isEmpty() ? new String[0] : new String[] {attr};
        try (QueryResultsIterator<KeyValue> it = ctx.getStub().getStateByPartialCompositeKey(objectType, attrs)) {
            StringBuilder sb = new StringBuilder();
            for (KeyValue kv : it) {
                if (sb.length() > 0) {
                    sb.append(';');
                }
                sb.append(String.join("/", ctx.getStub().splitCompositeKey(kv.getKey()).getAttributes()))
                        .append('=').append(kv.getStringValue());
            }
            return sb.toString();
        }
    }

    /** One page of [start, end): {@code k=v;...|bookmark|count}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String page(Context ctx, String start, String end, String pageSize, String bookmark) throws Exception {
        try (QueryResultsIteratorWithMetadata<KeyValue> it = ctx.getStub()
                .getStateByRangeWithPagination(start, end, Integer.parseInt(pageSize), bookmark)) {
            StringBuilder sb = new StringBuilder();
            for (KeyValue kv : it) {
                if (sb.length() > 0) {
                    sb.append(';');
                }
                sb.append(kv.getKey()).append('=').append(kv.getStringValue());
            }
            return sb + "|" + it.getMetadata().getBookmark() + "|" + it.getMetadata().getFetchedRecordsCount();
        }
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void pageThenPut(Context ctx, String key) throws Exception {
        try (QueryResultsIteratorWithMetadata<KeyValue> it = ctx.getStub()
                .getStateByRangeWithPagination("", "", 10, "")) {
            it.iterator().hasNext();
        }
        ctx.getStub().putStringState(key, "x");
    }

    /** Who the contract sees: {@code mspId|id|lepton.project|lepton.role|hf.Type|stub msp|channel|creator bytes}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String whoAmI(Context ctx) {
        ClientIdentity id = ctx.getClientIdentity();
        return id.getMSPID() + "|" + id.getId() + "|" + id.getAttributeValue("lepton.project") + "|"
                + id.getAttributeValue("lepton.role") + "|" + id.getAttributeValue("hf.Type") + "|"
                + ctx.getStub().getMspId() + "|" + ctx.getStub().getChannelId() + "|"
                + ctx.getStub().getCreator().length;
    }

    /** The stub's view of the invocation: {@code function|params|txId|timestamp|transient size}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String echo(Context ctx, String a, String b) {
        ChaincodeStub s = ctx.getStub();
        return s.getFunction() + "|" + s.getParameters() + "|" + s.getTxId() + "|" + s.getTxTimestamp() + "|"
                + s.getTransient().size() + "|" + s.getArgs().size();
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public void fail(Context ctx, String key) {
        ctx.getStub().putStringState(key, "never");
        throw new ChaincodeException("refused on purpose", ErrorCode.BAD_THING.name());
    }

    /** Calls a stub method the embedded ledger does not support; returns the exception's message. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String tryUnsupported(Context ctx, String which) {
        try {
            switch (which) {
                case "privateData" -> ctx.getStub().getPrivateData("collection", "k");
                case "invokeChaincode" -> ctx.getStub().invokeChaincodeWithStringArgs("other", "f");
                case "richQuery" -> ctx.getStub().getQueryResult("{\"selector\":{}}");
                default -> throw new IllegalArgumentException(which);
            }
            return "supported";
        } catch (UnsupportedOperationException e) {
            return e.getMessage();
        }
    }

    private static String join(QueryResultsIterator<KeyValue> it) {
        StringBuilder sb = new StringBuilder();
        for (KeyValue kv : it) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(kv.getKey()).append('=').append(kv.getStringValue());
        }
        return sb.toString();
    }
}
