package ai.lepton.compute.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One requirement on a node label, as in a Kubernetes {@code matchExpressions} entry.
 *
 * <ul>
 *   <li>{@code In}: the label is present and its value is one of {@code values};</li>
 *   <li>{@code NotIn}: the label is absent, or present with a value not in {@code values};</li>
 *   <li>{@code Exists} / {@code DoesNotExist}: the label is present / absent ({@code values} must be empty);</li>
 *   <li>{@code Gt} / {@code Lt}: the label's value, read as an integer, is greater / less than the single integer in
 *       {@code values}; a label that is absent or not an integer does not match.</li>
 * </ul>
 *
 * @param key label key
 * @param operator comparison
 * @param values operands (see above)
 */
public record MatchExpression(String key, Operator operator, List<String> values) {

    /** Kubernetes node selector operators. */
    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist"), GT("Gt"), LT("Lt");

        private final String wire;

        Operator(String wire) {
            this.wire = wire;
        }

        /** Kubernetes spelling. */
        public String wireName() {
            return wire;
        }

        /** Parses the Kubernetes spelling (or the constant name), case-insensitively. */
        public static Operator fromWire(String s) {
            for (Operator v : values()) {
                if (v.wire.equalsIgnoreCase(s.trim()) || v.name().equalsIgnoreCase(s.trim())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("unknown match operator: " + s);
        }
    }

    public MatchExpression {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("match expression key must not be blank");
        }
        Objects.requireNonNull(operator, "operator");
        values = values == null ? List.of() : List.copyOf(values);
        switch (operator) {
            case IN, NOT_IN -> {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(operator.wireName() + " on " + key + " needs values");
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException(operator.wireName() + " on " + key + " takes no values");
                }
            }
            case GT, LT -> {
                if (values.size() != 1) {
                    throw new IllegalArgumentException(operator.wireName() + " on " + key
                            + " needs exactly one integer value");
                }
                try {
                    Long.parseLong(values.get(0).trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(operator.wireName() + " on " + key + ": not an integer: "
                            + values.get(0), e);
                }
            }
            default -> throw new AssertionError(operator);
        }
    }

    public static MatchExpression in(String key, String... values) {
        return new MatchExpression(key, Operator.IN, List.of(values));
    }

    public static MatchExpression notIn(String key, String... values) {
        return new MatchExpression(key, Operator.NOT_IN, List.of(values));
    }

    public static MatchExpression exists(String key) {
        return new MatchExpression(key, Operator.EXISTS, List.of());
    }

    public static MatchExpression doesNotExist(String key) {
        return new MatchExpression(key, Operator.DOES_NOT_EXIST, List.of());
    }

    public static MatchExpression gt(String key, long value) {
        return new MatchExpression(key, Operator.GT, List.of(Long.toString(value)));
    }

    public static MatchExpression lt(String key, long value) {
        return new MatchExpression(key, Operator.LT, List.of(Long.toString(value)));
    }

    /** Whether a node with these labels satisfies the expression. */
    public boolean matches(Map<String, String> labels) {
        String v = labels.get(key);
        return switch (operator) {
            case IN -> v != null && values.contains(v);
            case NOT_IN -> v == null || !values.contains(v);
            case EXISTS -> v != null;
            case DOES_NOT_EXIST -> v == null;
            case GT, LT -> {
                Long n = parseLong(v);
                long bound = Long.parseLong(values.get(0).trim());
                yield n != null && (operator == Operator.GT ? n > bound : n < bound);
            }
        };
    }

    static Long parseLong(String v) {
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
