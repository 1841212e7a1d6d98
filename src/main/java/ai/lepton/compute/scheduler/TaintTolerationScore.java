package ai.lepton.compute.scheduler;

/**
 * Score: PreferNoSchedule taints. A node's raw value is how many of its PreferNoSchedule taints the workload does not
 * tolerate; as in Kubernetes it is normalised in reverse, {@code 100 * (max - raw) / max}, the maximum taken over the
 * nodes that passed the static filters. Skipped when no node has such a taint.
 */
final class TaintTolerationScore implements ScorePlugin {
    static final TaintTolerationScore INSTANCE = new TaintTolerationScore();

    @Override
    public String name() {
        return "TaintToleration";
    }

    static int raw(Cycle c, int n) {
        int k = 0;
        for (int id : c.s.softTaints[n]) {
            if (!c.tolerated[id]) {
                k++;
            }
        }
        return k;
    }

    @Override
    public double score(Cycle c, int n) {
        return c.softMax > 0 ? 100.0 * (c.softMax - raw(c, n)) / c.softMax : 100;
    }
}
