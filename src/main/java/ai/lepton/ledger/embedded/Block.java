package ai.lepton.ledger.embedded;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A block as stored in the block file, parsed only as far as its structure (transactions stay encoded).
 *
 * <pre>
 * record      := u32 magic "LBK1" (0x4C424B31), u32 length, body, raw32 blockHash     length = |body| + 32
 * body        := header, identities, txCount x (i32 len, tx)
 * header      := u8 format (=1), i64 number, raw32 previousHash, raw32 dataHash, raw32 identitiesHash,
 *                i32 txCount                                                  109 bytes
 * identities  := i32 n, n x (str mspId, str certificatePem)                   the creators of the block's txs
 * blockHash   =  SHA-256(header)
 * dataHash    =  RFC 6962 Merkle root of the transactions' canonical encodings (see {@link Hashes})
 * identitiesHash = SHA-256(identities)
 * previousHash = the previous block's blockHash; 32 zero bytes for block 0
 * </pre>
 *
 * A transaction names its creator by index into its block's identity table, so a block of many transactions from
 * one project carries that project's certificate once; the table is bound to the header by its own hash.
 */
final class Block {

    static final int MAGIC = 0x4C424B31;
    static final int FORMAT = 1;
    static final int HEADER_SIZE = 1 + 8 + 32 + 32 + 32 + 4;
    static final byte[] ZERO_HASH = new byte[Hashes.SIZE];

    final byte[] rec;
    final long number;
    final byte[] previousHash;
    final byte[] dataHash;
    final byte[] identitiesHash;
    final int txCount;
    final int identitiesFrom;
    final int identitiesTo;
    final int[] txFrom;
    final int[] txLen;
    final byte[] storedHash;

    private Block(byte[] rec, long number, byte[] previousHash, byte[] dataHash, byte[] identitiesHash, int txCount,
            int identitiesFrom, int identitiesTo, int[] txFrom, int[] txLen, byte[] storedHash) {
        this.rec = rec;
        this.number = number;
        this.previousHash = previousHash;
        this.dataHash = dataHash;
        this.identitiesHash = identitiesHash;
        this.txCount = txCount;
        this.identitiesFrom = identitiesFrom;
        this.identitiesTo = identitiesTo;
        this.txFrom = txFrom;
        this.txLen = txLen;
        this.storedHash = storedHash;
    }

    /** One creator in a block's identity table. */
    record Creator(String mspId, String certificatePem) {
    }

    /** Encodes a whole record (magic and length included) and returns it with the block's hash. */
    static Encoded encode(long number, byte[] previousHash, List<Creator> creators, List<Tx> txs, MessageDigest md) {
        Wire.Out ids = new Wire.Out(64 + creators.size() * 900);
        ids.i32(creators.size());
        for (Creator c : creators) {
            ids.str(c.mspId).str(c.certificatePem);
        }
        Wire.Out out = new Wire.Out(8 + HEADER_SIZE + ids.pos + txs.size() * 512 + 32);
        out.i32(MAGIC).i32(0);
        int headerAt = out.pos;
        out.raw(new byte[HEADER_SIZE]);
        out.raw(ids.buf, 0, ids.pos);
        byte[][] leaves = new byte[txs.size()][];
        int[] offsets = new int[txs.size()];
        for (int i = 0; i < txs.size(); i++) {
            int lenAt = out.pos;
            out.i32(0);
            int from = out.pos;
            txs.get(i).encode(out);
            out.putI32At(lenAt, out.pos - from);
            leaves[i] = Hashes.leaf(md, out.buf, from, out.pos - from);
            offsets[i] = lenAt;
        }
        byte[] dataHash = Hashes.merkleRoot(md, leaves);
        md.reset();
        md.update(ids.buf, 0, ids.pos);
        byte[] identitiesHash = md.digest();
        Wire.Out header = new Wire.Out(HEADER_SIZE);
        header.u8(FORMAT).i64(number).raw(previousHash).raw(dataHash).raw(identitiesHash).i32(txs.size());
        System.arraycopy(header.buf, 0, out.buf, headerAt, HEADER_SIZE);
        md.reset();
        md.update(header.buf, 0, HEADER_SIZE);
        byte[] hash = md.digest();
        out.raw(hash);
        out.putI32At(4, out.pos - 8);
        return new Encoded(out.buf, out.pos, hash, offsets);
    }

    /**
     * An encoded record: {@code bytes[0, length)}, the block hash, and where each transaction's length prefix sits
     * relative to the record's start.
     */
    record Encoded(byte[] bytes, int length, byte[] hash, int[] txOffsets) {
    }

    /** Parses a record's body-and-hash (what follows the magic and length). */
    static Block parse(byte[] rec) {
        if (rec.length < HEADER_SIZE + 4 + Hashes.SIZE) {
            throw new Wire.Malformed("record of " + rec.length + " bytes is shorter than a block");
        }
        int bodyEnd = rec.length - Hashes.SIZE;
        Wire.In in = new Wire.In(rec, 0, bodyEnd);
        int format = in.u8();
        if (format != FORMAT) {
            throw new Wire.Malformed("unknown block format " + format);
        }
        long number = in.i64();
        byte[] prev = in.raw(32);
        byte[] data = in.raw(32);
        byte[] idHash = in.raw(32);
        int txCount = in.i32();
        if (txCount < 0 || txCount > (bodyEnd - in.pos) / 4) {
            throw new Wire.Malformed("impossible transaction count " + txCount);
        }
        int idFrom = in.pos;
        int n = in.i32();
        if (n < 0 || n > (bodyEnd - in.pos) / 8) {
            throw new Wire.Malformed("impossible identity count " + n);
        }
        for (int i = 0; i < n; i++) {
            in.skip(in.length());
            in.skip(in.length());
        }
        int idTo = in.pos;
        int[] from = new int[txCount];
        int[] len = new int[txCount];
        for (int i = 0; i < txCount; i++) {
            len[i] = in.length();
            from[i] = in.pos;
            in.skip(len[i]);
        }
        in.expectEnd();
        return new Block(rec, number, prev, data, idHash, txCount, idFrom, idTo, from, len,
                Arrays.copyOfRange(rec, bodyEnd, rec.length));
    }

    /** Re-hashes the block; returns what is wrong with it, or null when its hashes hold. */
    String checkHashes(MessageDigest md) {
        md.reset();
        md.update(rec, 0, HEADER_SIZE);
        if (!Arrays.equals(md.digest(), storedHash)) {
            return "header hash does not match the stored block hash (header changed)";
        }
        md.reset();
        md.update(rec, identitiesFrom, identitiesTo - identitiesFrom);
        if (!Arrays.equals(md.digest(), identitiesHash)) {
            return "identity table does not match the header's identities hash";
        }
        byte[][] leaves = new byte[txCount][];
        for (int i = 0; i < txCount; i++) {
            leaves[i] = Hashes.leaf(md, rec, txFrom[i], txLen[i]);
        }
        if (!Arrays.equals(Hashes.merkleRoot(md, leaves), dataHash)) {
            return "Merkle root of the transactions does not match the header's data hash (a transaction changed)";
        }
        return null;
    }

    List<Creator> creators() {
        Wire.In in = new Wire.In(rec, identitiesFrom, identitiesTo);
        int n = in.i32();
        List<Creator> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Creator(in.str(), in.str()));
        }
        return list;
    }

    Tx tx(int i) {
        return Tx.decode(new Wire.In(rec, txFrom[i], txFrom[i] + txLen[i]));
    }

    /** Offset of transaction i's length prefix, relative to the start of the record's body. */
    int txPrefixOffset(int i) {
        return txFrom[i] - 4;
    }
}
