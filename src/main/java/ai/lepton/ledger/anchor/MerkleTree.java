package ai.lepton.ledger.anchor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import ai.lepton.ledger.api.ProofStep;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A Merkle tree over a batch of anchored items, hashed as in RFC 6962 (Certificate Transparency) section 2.1: a leaf
 * is {@code SHA-256(0x00 || data)}, an inner node {@code SHA-256(0x01 || left || right)}, and a tree of n > 1 leaves
 * splits at the largest power of two below n. The distinct prefixes keep a leaf from being passed off as an inner
 * node (second-preimage attacks on plain Merkle trees). Not thread-safe.
 *
 * <p>Lepton's leaf data is {@code subject + "\n" + sha256} in UTF-8 ({@link #leafHash(String, String)}), where the
 * subject is the full ledger subject ({@code dataset:acme/sales/3}) and the digest 64 lower-case hex digits, so a
 * proof binds both what was anchored and which object it was.
 */
public final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    private final List<byte[]> leaves;
    /** Subtree hashes by {@code from << 32 | to}: every proof reuses them, so all proofs of a batch cost O(n log n). */
    private final java.util.Map<Long, byte[]> subtrees = new java.util.HashMap<>();
    private final byte[] root;

    private MerkleTree(List<byte[]> leaves) {
        this.leaves = leaves;
        this.root = hash(0, leaves.size());
    }

    /** A tree over these leaf hashes (32 bytes each), in order; at least one. */
    public static MerkleTree of(List<byte[]> leafHashes) {
        Objects.requireNonNull(leafHashes, "leafHashes");
        if (leafHashes.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[]> copy = new ArrayList<>(leafHashes.size());
        for (byte[] h : leafHashes) {
            if (h == null || h.length != 32) {
                throw new IllegalArgumentException("leaf hashes are 32 bytes");
            }
            copy.add(h.clone());
        }
        return new MerkleTree(copy);
    }

    /** The leaf hash of an anchored item: {@code SHA-256(0x00 || utf8(subject + "\n" + sha256))}. */
    public static byte[] leafHash(String subject, String sha256) {
        MessageDigest md = sha256();
        md.update((byte) 0);
        md.update((subject + "\n" + sha256).getBytes(StandardCharsets.UTF_8));
        return md.digest();
    }

    /** {@code SHA-256(0x01 || left || right)}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest md = sha256();
        md.update((byte) 1);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** Number of leaves. */
    public int size() {
        return leaves.size();
    }

    /** The root hash. */
    public byte[] root() {
        return root.clone();
    }

    /** The root as 64 lower-case hex digits. */
    public String rootHex() {
        return HEX.formatHex(root);
    }

    /**
     * The inclusion proof of leaf {@code index}: the sibling hashes from the leaf up to the root, each with the side
     * it sits on. Folding them onto the leaf hash ({@link #verify}) gives the root.
     */
    public List<ProofStep> proof(int index) {
        Objects.checkIndex(index, leaves.size());
        List<ProofStep> path = new ArrayList<>();
        path(index, 0, leaves.size(), path);
        return List.copyOf(path);
    }

    private void path(int index, int from, int to, List<ProofStep> out) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (index < from + k) {
            path(index, from, from + k, out);
            out.add(new ProofStep(ProofStep.Side.RIGHT, HEX.formatHex(hash(from + k, to))));
        } else {
            path(index, from + k, to, out);
            out.add(new ProofStep(ProofStep.Side.LEFT, HEX.formatHex(hash(from, from + k))));
        }
    }

    /** Whether folding {@code proof} onto {@code leafHash} yields {@code rootHex}. Malformed steps do not verify. */
    public static boolean verify(byte[] leafHash, List<ProofStep> proof, String rootHex) {
        return rootHex != null && rootHex.equalsIgnoreCase(fold(leafHash, proof));
    }

    /** The root that {@code proof} leads to from {@code leafHash}, in hex; null when a step is not a 32-byte hash. */
    public static String fold(byte[] leafHash, List<ProofStep> proof) {
        byte[] h = leafHash;
        for (ProofStep step : proof) {
            byte[] sibling;
            try {
                sibling = HEX.parseHex(step.hash());
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (sibling.length != 32) {
                return null;
            }
            h = step.side() == ProofStep.Side.LEFT ? nodeHash(sibling, h) : nodeHash(h, sibling);
        }
        return HEX.formatHex(h);
    }

    private byte[] hash(int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        long key = (long) from << 32 | to;
        byte[] cached = subtrees.get(key);
        if (cached == null) {
            int k = split(n);
            cached = nodeHash(hash(from, from + k), hash(from + k, to));
            subtrees.put(key, cached);
        }
        return cached;
    }

    /** The largest power of two strictly below n (n > 1). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
