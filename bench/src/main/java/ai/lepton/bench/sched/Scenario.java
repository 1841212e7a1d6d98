package ai.lepton.bench.sched;

/**
 * One benchmark scenario: a seeded cluster and arrival trace.
 *
 * @param name short name for the table
 * @param nodes node count
 * @param replicas how many replicas the trace submits in all (approximately: whole workloads)
 * @param minReplicas fewest replicas per workload
 * @param maxReplicas most replicas per workload
 * @param constrained whether workloads carry hostname anti-affinity and zone spread (maxSkew 1)
 * @param departures fraction of workloads deleted later in the trace
 * @param small whether requests are drawn from the smaller sizes (the 150,000-replica run)
 * @param seed generator seed
 */
public record Scenario(String name, int nodes, int replicas, int minReplicas, int maxReplicas, boolean constrained,
        double departures, boolean small, long seed) {

    /** The same scenario at {@code 1/f} of the size (for JIT warm-up). */
    public Scenario scaled(int f) {
        return new Scenario(name + "/" + f, Math.max(10, nodes / f), Math.max(10, replicas / f), minReplicas,
                maxReplicas, constrained, departures, small, seed + 1);
    }
}
