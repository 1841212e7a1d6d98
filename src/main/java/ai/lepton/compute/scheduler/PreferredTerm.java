package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * A soft node-affinity preference: nodes matching {@code preference} score {@code weight} more (Kubernetes
 * {@code preferredDuringSchedulingIgnoredDuringExecution}).
 *
 * @param weight 1 to 100
 * @param preference the term a node should match
 */
public record PreferredTerm(int weight, NodeSelectorTerm preference) {

    public PreferredTerm {
        if (weight < 1 || weight > 100) {
            throw new IllegalArgumentException("preferred term weight must be 1..100, got " + weight);
        }
        Objects.requireNonNull(preference, "preference");
    }

    public static PreferredTerm of(int weight, MatchExpression... expressions) {
        return new PreferredTerm(weight, NodeSelectorTerm.of(expressions));
    }
}
