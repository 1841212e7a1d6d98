package ai.lepton.compute.scheduler;

/**
 * Filter: required anti-affinity between the replicas of one workload: a node passes when no replica of the workload
 * is already in its domain (the node itself for hostname; its zone, site or region otherwise).
 */
final class PodAntiAffinityFilter implements FilterPlugin {
    static final PodAntiAffinityFilter INSTANCE = new PodAntiAffinityFilter();

    @Override
    public String name() {
        return "InterPodAntiAffinity";
    }

    @Override
    public boolean relevant(Cycle c) {
        return c.antiKey >= 0;
    }

    @Override
    public Reason check(Cycle c, int n) {
        WorkloadEntry w = c.w;
        boolean taken = c.antiKey == 0 ? w.hosts.get(n) : w.count(c.antiKey, c.s.domain(c.antiKey, n)) > 0;
        return taken ? Reason.ANTI_AFFINITY : null;
    }
}
