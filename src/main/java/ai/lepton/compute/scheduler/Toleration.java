package ai.lepton.compute.scheduler;

/**
 * Lets a replica onto nodes with matching taints, with Kubernetes semantics:
 * <ul>
 *   <li>{@code effect} null matches every effect, otherwise only that effect;</li>
 *   <li>operator {@link Operator#EXISTS} matches any value of {@code key}; with a null key it matches every taint;</li>
 *   <li>operator {@link Operator#EQUAL} matches when key and value are equal.</li>
 * </ul>
 *
 * @param key taint key, or null (only with {@link Operator#EXISTS}) for all keys
 * @param operator how the value is compared
 * @param value the value for {@link Operator#EQUAL}; ignored for {@link Operator#EXISTS}
 * @param effect the effect tolerated, or null for all
 */
public record Toleration(String key, Operator operator, String value, TaintEffect effect) {

    /** How a toleration compares a taint's value. */
    public enum Operator {
        /** Key (and effect) match, any value. */
        EXISTS,
        /** Key, value (and effect) match. */
        EQUAL
    }

    public Toleration {
        operator = operator == null ? Operator.EQUAL : operator;
        key = key == null || key.isBlank() ? null : key;
        value = value == null ? "" : value;
        if (key == null && operator != Operator.EXISTS) {
            throw new IllegalArgumentException("a toleration without a key must use operator Exists");
        }
    }

    /** Tolerates {@code key=value} with the given effect (null: every effect). */
    public static Toleration equal(String key, String value, TaintEffect effect) {
        return new Toleration(key, Operator.EQUAL, value, effect);
    }

    /** Tolerates any value of {@code key} with the given effect (null: every effect). */
    public static Toleration exists(String key, TaintEffect effect) {
        return new Toleration(key, Operator.EXISTS, "", effect);
    }

    /** Tolerates every taint. */
    public static Toleration everything() {
        return new Toleration(null, Operator.EXISTS, "", null);
    }

    /** Whether this toleration matches {@code taint}. */
    public boolean tolerates(Taint taint) {
        if (effect != null && effect != taint.effect()) {
            return false;
        }
        if (key == null) {
            return true;
        }
        if (!key.equals(taint.key())) {
            return false;
        }
        return operator == Operator.EXISTS || value.equals(taint.value());
    }
}
