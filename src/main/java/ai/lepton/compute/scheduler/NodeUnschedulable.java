package ai.lepton.compute.scheduler;

/** Filter: only {@link NodeState#READY} nodes take new replicas (cordoned, draining and not-ready nodes do not). */
final class NodeUnschedulable implements FilterPlugin {
    static final NodeUnschedulable INSTANCE = new NodeUnschedulable();

    @Override
    public String name() {
        return "NodeUnschedulable";
    }

    @Override
    public boolean relevant(Cycle c) {
        return true;
    }

    @Override
    public Reason check(Cycle c, int n) {
        return c.s.node[n].state().schedulable() ? null : Reason.UNSCHEDULABLE;
    }
}
