package ai.lepton.ledger.embedded;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 and the Merkle tree over a block's transactions.
 *
 * <p>The tree is RFC 6962's (Certificate Transparency) Merkle Tree Hash: a leaf is {@code SHA-256(0x00 || tx)}, an
 * inner node {@code SHA-256(0x01 || left || right)}, and a list of n > 1 leaves splits at the largest power of two
 * smaller than n. The prefixes keep a leaf from being passed off as an inner node; unlike Bitcoin's tree no leaf is
 * duplicated, so two different transaction lists never share a root.
 */
final class Hashes {

    static final int SIZE = 32;
    private static final HexFormat HEX = HexFormat.of();

    private Hashes() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    static byte[] leaf(MessageDigest md, byte[] buf, int off, int len) {
        md.reset();
        md.update((byte) 0);
        md.update(buf, off, len);
        return md.digest();
    }

    /** The Merkle root of the given leaf hashes (at least one). */
    static byte[] merkleRoot(MessageDigest md, byte[][] leaves) {
        if (leaves.length == 0) {
            md.reset();
            return md.digest();
        }
        return root(md, leaves, 0, leaves.length);
    }

    private static byte[] root(MessageDigest md, byte[][] leaves, int from, int n) {
        if (n == 1) {
            return leaves[from];
        }
        int k = Integer.highestOneBit(n - 1);
        byte[] left = root(md, leaves, from, k);
        byte[] right = root(md, leaves, from + k, n - k);
        md.reset();
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] unhex(String s) {
        return HEX.parseHex(s);
    }
}
