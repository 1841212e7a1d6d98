package ai.lepton.compute.scheduler;

import java.util.List;
import java.util.Map;

/**
 * Expressions that must all hold (AND). As in Kubernetes, a term with no expressions matches no node.
 *
 * @param matchExpressions the requirements
 */
public record NodeSelectorTerm(List<MatchExpression> matchExpressions) {

    public NodeSelectorTerm {
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    public static NodeSelectorTerm of(MatchExpression... expressions) {
        return new NodeSelectorTerm(List.of(expressions));
    }

    /** Whether a node with these labels satisfies every expression (false for an empty term). */
    public boolean matches(Map<String, String> labels) {
        if (matchExpressions.isEmpty()) {
            return false;
        }
        for (MatchExpression e : matchExpressions) {
            if (!e.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
