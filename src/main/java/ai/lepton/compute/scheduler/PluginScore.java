package ai.lepton.compute.scheduler;

/**
 * One score plugin's verdict on one node.
 *
 * @param plugin plugin name ({@code BinPack}, {@code Spread}, {@code Cost}, {@code Energy}, {@code Latency},
 *        {@code NodeAffinity}, {@code TaintToleration})
 * @param score 0 (worst) to 100 (best)
 * @param weight the plugin's weight; the node's total is the sum of {@code score * weight}
 */
public record PluginScore(String plugin, double score, int weight) {
}
