package ai.lepton.compute.scheduler;

/**
 * Score: preferred node affinity. A node's raw score is the sum of the weights of the preferred terms it matches;
 * as in Kubernetes it is normalised to {@code 100 * raw / max}, the maximum taken over the nodes that passed the
 * static filters (Kubernetes takes it over the feasible nodes; the ordering is the same).
 */
final class NodeAffinityScore implements ScorePlugin {
    static final NodeAffinityScore INSTANCE = new NodeAffinityScore();

    @Override
    public String name() {
        return "NodeAffinity";
    }

    static int raw(Cycle c, int n) {
        int sum = 0;
        for (int i = 0; i < c.prefMasks.length; i++) {
            if (c.prefMasks[i].get(n)) {
                sum += c.prefWeights[i];
            }
        }
        return sum;
    }

    @Override
    public double score(Cycle c, int n) {
        return c.prefMax > 0 ? 100.0 * raw(c, n) / c.prefMax : 0;
    }
}
