package ai.lepton.compute.api;

import java.util.List;

/**
 * Why a replica went where it did.
 *
 * @param nodes nodes in the cluster
 * @param feasible nodes that passed every filter
 * @param preemption whether the node was made feasible by evicting lower-priority replicas
 * @param top the best candidates, chosen node first
 */
public record PlacementExplanation(int nodes, int feasible, boolean preemption, List<Candidate> top) {

    /**
     * A candidate node's score.
     *
     * @param node node name
     * @param total weighted sum of the plugin scores
     * @param plugins each plugin's score (0 to 100) and weight
     */
    public record Candidate(String node, double total, List<PluginScore> plugins) {
    }

    /**
     * One score plugin's verdict.
     *
     * @param plugin {@code BinPack}, {@code Spread}, {@code Cost}, {@code Energy}, {@code Latency},
     *        {@code NodeAffinity} or {@code TaintToleration}
     * @param score 0 (worst) to 100 (best)
     * @param weight the plugin's weight
     */
    public record PluginScore(String plugin, double score, int weight) {
    }
}
