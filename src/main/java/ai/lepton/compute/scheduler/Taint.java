package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * A node taint: replicas without a matching {@link Toleration} are kept off the node as {@code effect} says.
 *
 * @param key taint key, not blank
 * @param value taint value, empty when none (null is read as empty)
 * @param effect what the taint does
 */
public record Taint(String key, String value, TaintEffect effect) {

    public Taint {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("taint key must not be blank");
        }
        value = value == null ? "" : value;
        Objects.requireNonNull(effect, "effect");
    }

    /** Kubernetes notation {@code key=value:Effect}. */
    @Override
    public String toString() {
        return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect.wireName();
    }
}
