package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * Filter: every NoSchedule and NoExecute taint on the node must be tolerated. PreFilter resolves the workload's
 * tolerations against the cluster's distinct taints once, so the per-node check reads a few booleans.
 */
final class TaintTolerationFilter implements FilterPlugin {
    static final TaintTolerationFilter INSTANCE = new TaintTolerationFilter();

    @Override
    public String name() {
        return "TaintToleration";
    }

    @Override
    public boolean relevant(Cycle c) {
        return true;
    }

    /** For each interned taint id, whether the workload tolerates it. */
    static boolean[] tolerated(ClusterState s, List<Toleration> tolerations) {
        boolean[] t = new boolean[s.taints.size()];
        for (int i = 0; i < t.length; i++) {
            Taint taint = s.taints.value(i);
            for (Toleration tol : tolerations) {
                if (tol.tolerates(taint)) {
                    t[i] = true;
                    break;
                }
            }
        }
        return t;
    }

    @Override
    public Reason check(Cycle c, int n) {
        int[] hard = c.s.hardTaints[n];
        for (int id : hard) {
            if (!c.tolerated[id]) {
                return Reason.UNTOLERATED_TAINT;
            }
        }
        return null;
    }
}
