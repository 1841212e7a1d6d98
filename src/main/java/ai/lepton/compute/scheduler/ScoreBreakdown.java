package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * Why a replica went where it did: how many nodes were considered and passed the filters, and the best-scoring
 * candidates with each plugin's score (the chosen node first). Ties on the total go to the node registered first
 * (a node registered after a removal may take the removed node's place in that order).
 *
 * @param nodes nodes in the cluster
 * @param feasible nodes that passed every filter
 * @param top the best candidates, best first, at most {@link SchedulerConfig#explainTopK()}
 * @param preemption true when no node was feasible and the chosen node was made feasible by evicting replicas
 */
public record ScoreBreakdown(int nodes, int feasible, List<NodeScore> top, boolean preemption) {

    public ScoreBreakdown {
        top = List.copyOf(top);
    }
}
