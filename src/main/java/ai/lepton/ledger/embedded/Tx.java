package ai.lepton.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction as stored in a block, and its canonical encoding (what its Merkle leaf hashes).
 *
 * <pre>
 * tx          := u8 format (=1)
 *                raw32 txId                      SHA-256(nonce || serialized creator), as Fabric derives it
 *                i64 seconds, i32 nanos           the proposal timestamp (getTxTimestamp)
 *                i32 creator                      index into the block's identity table
 *                i32 argc, argc x bytes           args[0] is the function name, as in Fabric's ChaincodeInput
 *                u8 validationCode                0 VALID, 11 MVCC_READ_CONFLICT, 12 PHANTOM_READ_CONFLICT
 *                i32 n, n x read                  sorted by key
 *                i32 n, n x rangeRead             in the order the contract ran them
 *                i32 n, n x write                 sorted by key
 *                u8 hasEvent [str name, bytes payload]
 *                i32 status, str message, bytes payload    the contract's response
 * read        := str key, i64 version             version = block &lt;&lt; 24 | txIndex; -1 = key absent
 * rangeRead   := str start, str end, u8 exhausted, i32 n, n x read
 * write       := str key, u8 isDelete, bytes value
 * </pre>
 */
record Tx(byte[] txId, long seconds, int nanos, int creator, List<byte[]> args, ValidationCode code,
        List<Read> reads, List<RangeRead> ranges, List<Write> writes, Event event, int status, String message,
        byte[] payload) {

    static final int FORMAT = 1;

    /** A key read at simulation time and the version it had (or {@link Versions#NONE}). */
    record Read(String key, long version) {
    }

    /**
     * A range query's results as the contract iterated them: {@code exhausted} when it read to the end, otherwise
     * the range it saw ends at its last result.
     */
    record RangeRead(String start, String end, boolean exhausted, List<Read> results) {
    }

    /** A write; a delete has an empty value. */
    record Write(String key, boolean delete, byte[] value) {
    }

    /** The chaincode event (Fabric keeps one per transaction: the last {@code setEvent} wins). */
    record Event(String name, byte[] payload) {
    }

    String txIdHex() {
        return Hashes.hex(txId);
    }

    Instant timestamp() {
        return Instant.ofEpochSecond(seconds, nanos);
    }

    String function() {
        return args.isEmpty() ? "" : new String(args.get(0), StandardCharsets.UTF_8);
    }

    Tx withCode(ValidationCode c, int creatorIndex) {
        return new Tx(txId, seconds, nanos, creatorIndex, args, c, reads, ranges, writes, event, status, message,
                payload);
    }

    void encode(Wire.Out out) {
        out.u8(FORMAT).raw(txId).i64(seconds).i32(nanos).i32(creator);
        out.i32(args.size());
        for (byte[] a : args) {
            out.bytes(a);
        }
        out.u8(code.code);
        out.i32(reads.size());
        for (Read r : reads) {
            out.str(r.key).i64(r.version);
        }
        out.i32(ranges.size());
        for (RangeRead rr : ranges) {
            out.str(rr.start).str(rr.end).u8(rr.exhausted ? 1 : 0).i32(rr.results.size());
            for (Read r : rr.results) {
                out.str(r.key).i64(r.version);
            }
        }
        out.i32(writes.size());
        for (Write w : writes) {
            out.str(w.key).u8(w.delete ? 1 : 0).bytes(w.value);
        }
        if (event == null) {
            out.u8(0);
        } else {
            out.u8(1).str(event.name).bytes(event.payload);
        }
        out.i32(status).str(message).bytes(payload);
    }

    static Tx decode(Wire.In in) {
        int format = in.u8();
        if (format != FORMAT) {
            throw new Wire.Malformed("unknown transaction format " + format);
        }
        byte[] id = in.raw(Hashes.SIZE);
        long seconds = in.i64();
        int nanos = in.i32();
        int creator = in.i32();
        int argc = count(in);
        List<byte[]> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(in.bytes());
        }
        ValidationCode code = ValidationCode.of(in.u8());
        List<Read> reads = reads(in);
        int nr = count(in);
        List<RangeRead> ranges = new ArrayList<>(nr);
        for (int i = 0; i < nr; i++) {
            String start = in.str();
            String end = in.str();
            boolean exhausted = in.u8() != 0;
            ranges.add(new RangeRead(start, end, exhausted, reads(in)));
        }
        int nw = count(in);
        List<Write> writes = new ArrayList<>(nw);
        for (int i = 0; i < nw; i++) {
            String key = in.str();
            boolean delete = in.u8() != 0;
            writes.add(new Write(key, delete, in.bytes()));
        }
        Event event = null;
        if (in.u8() != 0) {
            event = new Event(in.str(), in.bytes());
        }
        int status = in.i32();
        String message = in.str();
        byte[] payload = in.bytes();
        in.expectEnd();
        return new Tx(id, seconds, nanos, creator, args, code, reads, ranges, writes, event, status, message,
                payload);
    }

    private static List<Read> reads(Wire.In in) {
        int n = count(in);
        List<Read> reads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            reads.add(new Read(in.str(), in.i64()));
        }
        return reads;
    }

    private static int count(Wire.In in) {
        int n = in.i32();
        // every element takes at least 4 bytes; a larger count is a corrupt length, not a huge allocation
        if (n < 0 || n > (in.end - in.pos) / 4 + 1) {
            throw new Wire.Malformed("impossible element count " + n);
        }
        return n;
    }
}
