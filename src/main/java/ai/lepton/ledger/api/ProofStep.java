package ai.lepton.ledger.api;

import java.util.Objects;

/**
 * One step of a Merkle inclusion proof: a sibling hash and the side it sits on relative to the running hash.
 *
 * @param side where the sibling goes: {@code LEFT} means {@code node(sibling, running)}
 * @param hash the sibling hash, 64 lower-case hex digits
 */
public record ProofStep(Side side, String hash) {

    /** Which side of the running hash a sibling sits on. */
    public enum Side {
        LEFT, RIGHT
    }

    public ProofStep {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(hash, "hash");
    }
}
