package ai.lepton.compute.scheduler;

import java.util.Map;

/**
 * One admitted replica: bound to a node slot, pending ({@code node == -1}) with the last reason, or, for a job,
 * ended ({@code outcome} set, {@code node == -1}).
 */
final class Replica {
    final WorkloadEntry w;
    final int id;
    /** Copies of the workload's priority, preemptibility and request (fixed for its life): preemption reads them. */
    final int priority;
    final boolean preemptible;
    final long cpu;
    final long mem;
    final int gpus;
    int node = -1;
    /** Index in the node's replica list, for O(1) removal. */
    int posOnNode = -1;
    String reason = "not scheduled yet";
    Map<String, Integer> reasonCounts = Map.of();
    /** How a job replica ended; null while it is pending or running. */
    ReplicaOutcome outcome;

    Replica(WorkloadEntry w, int id) {
        this.w = w;
        this.id = id;
        Workload s = w.spec;
        priority = s.priority();
        preemptible = s.preemptible();
        cpu = s.resources().cpuMillis();
        mem = s.resources().memoryMiB();
        gpus = s.resources().gpus();
    }

    boolean active() {
        return outcome == null;
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
