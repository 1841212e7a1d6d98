package ai.lepton.compute.scheduler;

import java.util.BitSet;

/**
 * Filter: the workload's node selector, its required node affinity (OR of terms, each an AND of match expressions)
 * and its GPU model (as if it were a selector on the {@value Node#LABEL_GPU_MODEL} label). PreFilter turns them into
 * one bit set of node slots through the label index, so the per-node check is a bit test.
 */
final class NodeAffinityFilter implements FilterPlugin {
    static final NodeAffinityFilter INSTANCE = new NodeAffinityFilter();

    @Override
    public String name() {
        return "NodeAffinity";
    }

    @Override
    public boolean relevant(Cycle c) {
        Workload w = c.spec;
        return !w.nodeSelector().isEmpty() || !w.requiredAffinity().isEmpty() || w.resources().gpuModel() != null;
    }

    /** The allowed slots, or null when anything goes. */
    BitSet prepare(Cycle c) {
        if (!relevant(c)) {
            return null;
        }
        Workload w = c.spec;
        LabelIndex ix = c.s.labels;
        BitSet mask = ix.selector(w.nodeSelector());
        if (!w.requiredAffinity().isEmpty()) {
            mask.and(ix.matchAny(w.requiredAffinity()));
        }
        if (w.resources().gpuModel() != null) {
            mask.and(ix.equal(Node.LABEL_GPU_MODEL, w.resources().gpuModel()));
        }
        return mask;
    }

    @Override
    public Reason check(Cycle c, int n) {
        return c.affinity == null || c.affinity.get(n) ? null : Reason.NODE_SELECTOR;
    }
}
