package ai.lepton.compute.scheduler;

import java.util.List;

/**
 * What one scheduler operation did. {@code placements} and {@code evictions} are in the order they happened (a
 * replica can appear in both, e.g. moved by a drain, or placed and then preempted by a later one of the same
 * operation); {@code pending} is the state at the end, for the replicas the operation considered.
 *
 * @param placements new bindings
 * @param evictions bindings removed
 * @param pending considered replicas left without a node, with the reason
 * @param admissions quota decisions taken
 * @param ends job replicas that stopped running, in order (the one reported, and those stopped because it failed
 *        its job)
 * @param jobs jobs that finished
 */
public record ScheduleResult(List<Placement> placements, List<Eviction> evictions, List<PendingReplica> pending,
        List<Admission> admissions, List<ReplicaEnd> ends, List<JobOutcome> jobs) {

    /** Nothing happened. */
    public static final ScheduleResult EMPTY = new ScheduleResult(List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of());

    public ScheduleResult {
        placements = List.copyOf(placements);
        evictions = List.copyOf(evictions);
        pending = List.copyOf(pending);
        admissions = List.copyOf(admissions);
        ends = List.copyOf(ends);
        jobs = List.copyOf(jobs);
    }
}
