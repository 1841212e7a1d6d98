package ai.lepton.ledger.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import ai.lepton.ledger.api.ProofStep;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void singleLeafTreeHasTheLeafAsRootAndAnEmptyProof() {
        byte[] leaf = MerkleTree.leafHash("dataset:acme/sales/1", "a".repeat(64));
        MerkleTree tree = MerkleTree.of(List.of(leaf));
        assertThat(tree.root()).isEqualTo(leaf);
        assertThat(tree.proof(0)).isEmpty();
        assertThat(MerkleTree.verify(leaf, List.of(), tree.rootHex())).isTrue();
    }

    @Test
    void leafHashIsSha256OfZeroPrefixedSubjectNewlineDigest() throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update((byte) 0);
        md.update("model:acme/churn/2\n0123".getBytes(StandardCharsets.UTF_8));
        assertThat(MerkleTree.leafHash("model:acme/churn/2", "0123")).isEqualTo(md.digest());
    }

    @Test
    void rootMatchesRfc6962ShapeForFiveLeaves() {
        List<byte[]> l = leaves(5);
        // n = 5 splits at 4: root = node(node(node(l0,l1), node(l2,l3)), l4)
        byte[] expected = MerkleTree.nodeHash(
                MerkleTree.nodeHash(MerkleTree.nodeHash(l.get(0), l.get(1)), MerkleTree.nodeHash(l.get(2), l.get(3))),
                l.get(4));
        assertThat(MerkleTree.of(l).root()).isEqualTo(expected);
    }

    @Test
    void everyLeafOfEveryTreeSizeUpTo70ProvesIntoTheRoot() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> l = leaves(n);
            MerkleTree tree = MerkleTree.of(l);
            for (int i = 0; i < n; i++) {
                List<ProofStep> proof = tree.proof(i);
                assertThat(MerkleTree.verify(l.get(i), proof, tree.rootHex())).as("n=%d i=%d", n, i).isTrue();
                assertThat(proof.size()).isLessThanOrEqualTo(32 - Integer.numberOfLeadingZeros(n - 1) + 1);
            }
        }
    }

    @Test
    void aProofDoesNotVerifyAnotherLeafOrAChangedSiblingOrAnotherRoot() {
        List<byte[]> l = leaves(9);
        MerkleTree tree = MerkleTree.of(l);
        List<ProofStep> proof = tree.proof(3);
        assertThat(MerkleTree.verify(l.get(4), proof, tree.rootHex())).isFalse();
        List<ProofStep> changed = new ArrayList<>(proof);
        ProofStep first = changed.get(0);
        changed.set(0, new ProofStep(first.side(), flipFirstDigit(first.hash())));
        assertThat(MerkleTree.verify(l.get(3), changed, tree.rootHex())).isFalse();
        List<ProofStep> swapped = new ArrayList<>(proof);
        swapped.set(0, new ProofStep(first.side() == ProofStep.Side.LEFT ? ProofStep.Side.RIGHT
                : ProofStep.Side.LEFT, first.hash()));
        assertThat(MerkleTree.verify(l.get(3), swapped, tree.rootHex())).isFalse();
        assertThat(MerkleTree.verify(l.get(3), proof, MerkleTree.of(leaves(8)).rootHex())).isFalse();
        assertThat(MerkleTree.verify(l.get(3), List.of(new ProofStep(ProofStep.Side.LEFT, "zz")), tree.rootHex()))
                .isFalse();
    }

    @Test
    void refusesEmptyTreesAndMalformedLeaves() {
        assertThatThrownBy(() -> MerkleTree.of(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.of(List.of(new byte[31]))).isInstanceOf(IllegalArgumentException.class);
        MerkleTree tree = MerkleTree.of(leaves(2));
        assertThatThrownBy(() -> tree.proof(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    private static List<byte[]> leaves(int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(MerkleTree.leafHash("dataset:acme/d/" + (i + 1), HEX.formatHex(new byte[32]).substring(1) + i % 10));
        }
        return out;
    }

    private static String flipFirstDigit(String hex) {
        return (hex.charAt(0) == '0' ? '1' : '0') + hex.substring(1);
    }
}
