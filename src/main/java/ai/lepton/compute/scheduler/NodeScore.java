package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * A candidate node's score for one replica.
 *
 * @param node node name
 * @param total weighted sum of the plugin scores
 * @param plugins each active score plugin's score
 */
public record NodeScore(String node, double total, List<PluginScore> plugins) {

    public NodeScore {
        plugins = List.copyOf(plugins);
    }
}
