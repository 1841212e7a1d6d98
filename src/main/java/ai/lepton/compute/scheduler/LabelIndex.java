package ai.lepton.compute.scheduler;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Label key → value → the node slots carrying it. Selectors and affinity terms become bit sets once per workload,
 * so the per-node filter is a single bit test.
 */
final class LabelIndex {
    private final Map<String, Map<String, BitSet>> index = new HashMap<>();
    private final BitSet live = new BitSet();

    void add(int slot, Map<String, String> labels) {
        live.set(slot);
        labels.forEach((k, v) -> index.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new BitSet())
                .set(slot));
    }

    void remove(int slot, Map<String, String> labels) {
        live.clear(slot);
        labels.forEach((k, v) -> {
            Map<String, BitSet> byValue = index.get(k);
            BitSet b = byValue.get(v);
            b.clear(slot);
            if (b.isEmpty()) {
                byValue.remove(v);
                if (byValue.isEmpty()) {
                    index.remove(k);
                }
            }
        });
    }

    /** Slots whose label {@code key} equals {@code value}. */
    BitSet equal(String key, String value) {
        Map<String, BitSet> byValue = index.get(key);
        BitSet b = byValue == null ? null : byValue.get(value);
        return b == null ? new BitSet() : (BitSet) b.clone();
    }

    /** Slots matching all of a selector's key=value pairs. */
    BitSet selector(Map<String, String> selector) {
        BitSet out = (BitSet) live.clone();
        selector.forEach((k, v) -> out.and(equal(k, v)));
        return out;
    }

    BitSet match(MatchExpression e) {
        Map<String, BitSet> byValue = index.getOrDefault(e.key(), Map.of());
        BitSet out = new BitSet();
        switch (e.operator()) {
            case IN, NOT_IN -> {
                for (String v : e.values()) {
                    BitSet b = byValue.get(v);
                    if (b != null) {
                        out.or(b);
                    }
                }
                if (e.operator() == MatchExpression.Operator.NOT_IN) {
                    BitSet all = (BitSet) live.clone();
                    all.andNot(out);
                    out = all;
                }
            }
            case EXISTS, DOES_NOT_EXIST -> {
                byValue.values().forEach(out::or);
                if (e.operator() == MatchExpression.Operator.DOES_NOT_EXIST) {
                    BitSet all = (BitSet) live.clone();
                    all.andNot(out);
                    out = all;
                }
            }
            case GT, LT -> {
                long bound = Long.parseLong(e.values().get(0).trim());
                for (Map.Entry<String, BitSet> en : byValue.entrySet()) {
                    Long n = MatchExpression.parseLong(en.getKey());
                    if (n != null && (e.operator() == MatchExpression.Operator.GT ? n > bound : n < bound)) {
                        out.or(en.getValue());
                    }
                }
            }
            default -> throw new AssertionError(e.operator());
        }
        return out;
    }

    /** AND of the term's expressions; an empty term matches nothing. */
    BitSet match(NodeSelectorTerm t) {
        if (t.matchExpressions().isEmpty()) {
            return new BitSet();
        }
        BitSet out = null;
        for (MatchExpression e : t.matchExpressions()) {
            BitSet b = match(e);
            if (out == null) {
                out = b;
            } else {
                out.and(b);
            }
        }
        return out;
    }

    /** OR of the terms. */
    BitSet matchAny(List<NodeSelectorTerm> terms) {
        BitSet out = new BitSet();
        for (NodeSelectorTerm t : terms) {
            out.or(match(t));
        }
        return out;
    }
}
