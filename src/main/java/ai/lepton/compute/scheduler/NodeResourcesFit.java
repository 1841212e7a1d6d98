package ai.lepton.compute.scheduler;

/** Filter: the node's free CPU, memory and GPUs cover the replica's request (checked in that order). */
final class NodeResourcesFit implements FilterPlugin {
    static final NodeResourcesFit INSTANCE = new NodeResourcesFit();

    @Override
    public String name() {
        return "NodeResourcesFit";
    }

    @Override
    public boolean relevant(Cycle c) {
        return true;
    }

    @Override
    public Reason check(Cycle c, int n) {
        ClusterState s = c.s;
        if (s.usedCpu[n] + c.rc > s.allocCpu[n]) {
            return Reason.INSUFFICIENT_CPU;
        }
        if (s.usedMem[n] + c.rm > s.allocMem[n]) {
            return Reason.INSUFFICIENT_MEMORY;
        }
        if (s.usedGpu[n] + c.rg > s.allocGpu[n]) {
            return Reason.INSUFFICIENT_GPUS;
        }
        return null;
    }
}
