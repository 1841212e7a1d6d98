package ai.lepton.compute.scheduler;

import java.util.Map;

/** One admitted replica: bound to a node slot or pending ({@code node == -1}) with the last reason. */
final class Replica {
    final WorkloadEntry w;
    final int id;
    int node = -1;
    /** Index in the node's replica list, for O(1) removal. */
    int posOnNode = -1;
    String reason = "not scheduled yet";
    Map<String, Integer> reasonCounts = Map.of();

    Replica(WorkloadEntry w, int id) {
        this.w = w;
        this.id = id;
    }

    PendingReplica pending() {
        Workload s = w.spec;
        return new PendingReplica(s.name(), s.project(), id, s.priority(), reason, reasonCounts);
    }

    @Override
    public String toString() {
        return w.spec.name() + "/" + id;
    }
}
