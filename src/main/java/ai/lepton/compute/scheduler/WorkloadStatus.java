package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * A workload as the scheduler holds it.
 *
 * @param workload the spec ({@code replicas} is the count asked for)
 * @param admittedReplicas how many replicas quota admitted; fewer than asked while a request is queued
 * @param bindings the placed replicas
 * @param pending the admitted replicas without a node
 */
public record WorkloadStatus(Workload workload, int admittedReplicas, List<Binding> bindings,
        List<PendingReplica> pending) {

    public WorkloadStatus {
        bindings = List.copyOf(bindings);
        pending = List.copyOf(pending);
    }

    /** Whether a quota-queued request is waiting. */
    public boolean queued() {
        return admittedReplicas < workload.replicas();
    }
}
