package ai.lepton.compute.scheduler;

import java.util.Locale;

/**
 * How feasible nodes are ranked. Each strategy is a score plugin giving 0 (worst) to 100 (best) per node; node
 * affinity preferences and {@code PreferNoSchedule} taints add their own weighted scores on top (see
 * {@link SchedulerConfig}).
 */
public enum ScoringStrategy {
    /**
     * Most allocated first (Kubernetes {@code MostAllocated}): the mean over CPU, memory and (on GPU nodes) GPUs of
     * the node's allocated fraction after adding the replica. Packs work so that whole nodes stay free.
     */
    BINPACK,
    /** Least allocated first (Kubernetes {@code LeastAllocated}): 100 minus the binpack score. */
    SPREAD,
    /**
     * Cheapest node-hours: the replica's cost on a node is the node's price per hour times the replica's dominant
     * share of the node's allocatable resources; the score is {@code 100 * (1 - cost / worst)} where {@code worst}
     * is the highest such cost over the nodes the workload may use.
     */
    COST,
    /**
     * Fewest marginal watts: the power the node would draw with the replica minus what it draws now, where an empty
     * node (assumed powered down) first pays its idle watts. Busy nodes win, so idle ones can stay off. The score is
     * 90 % {@code 100 * (1 - marginal / maxWatts)} (largest {@code maxWatts} in the cluster) and 10 % binpack, which
     * breaks ties between equally efficient nodes in favour of the busier one.
     */
    ENERGY,
    /**
     * Lowest round-trip time from the workload's data-source site, read from the scheduler's
     * {@link LatencyMatrix}: {@code 100 * (1 - rtt / worst)} with {@code worst} the largest RTT from that site to any
     * site with nodes; unknown pairs count as the worst. Without a data-source site all nodes score the same.
     */
    LATENCY;

    /** {@code binpack}, {@code spread}, {@code cost}, {@code energy} or {@code latency}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire name, case-insensitively. */
    public static ScoringStrategy fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
