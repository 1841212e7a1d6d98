package ai.lepton.compute.scheduler;

/**
 * Filter: topology spread with {@code DoNotSchedule}. A node in domain {@code d} passes a constraint when
 * {@code count[d] + 1 - min <= maxSkew}, where counts are the workload's replicas per domain (kept incrementally by
 * {@link ClusterState}) and {@code min} is the smallest count over the eligible domains (those with a node that passed
 * the static filters; see {@link TopologySpread}). The minimum is recomputed before each replica, over the few
 * eligible domains.
 */
final class PodTopologySpreadFilter implements FilterPlugin {
    static final PodTopologySpreadFilter INSTANCE = new PodTopologySpreadFilter();

    @Override
    public String name() {
        return "PodTopologySpread";
    }

    @Override
    public boolean relevant(Cycle c) {
        return c.nSpread > 0;
    }

    /** Recomputes each constraint's minimum count over its eligible domains. */
    void updateMinimums(Cycle c) {
        WorkloadEntry w = c.w;
        for (int i = 0; i < c.nSpread; i++) {
            int key = c.spreadKey[i];
            int[] doms = c.spreadDomains[i];
            int min = Integer.MAX_VALUE;
            for (int j = 0; j < c.spreadDomainCount[i]; j++) {
                min = Math.min(min, w.count(key, doms[j]));
            }
            c.spreadMin[i] = min == Integer.MAX_VALUE ? 0 : min;
        }
    }

    @Override
    public Reason check(Cycle c, int n) {
        WorkloadEntry w = c.w;
        ClusterState s = c.s;
        for (int i = 0; i < c.nSpread; i++) {
            int key = c.spreadKey[i];
            if (w.count(key, s.domain(key, n)) + 1 - c.spreadMin[i] > c.spreadSkew[i]) {
                return Reason.TOPOLOGY_SPREAD;
            }
        }
        return null;
    }
}
