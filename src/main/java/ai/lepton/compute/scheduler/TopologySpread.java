package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * Spreads a workload's replicas evenly over a topology (Kubernetes {@code topologySpreadConstraints} with
 * {@code whenUnsatisfiable: DoNotSchedule}): a replica may go to a domain only if afterwards that domain holds at most
 * {@code maxSkew} more of the workload's replicas than the emptiest eligible domain.
 *
 * <p>Eligible domains are those with at least one node the workload could use apart from resources and its own
 * spread and anti-affinity: ready, matching its node selector and required affinity, its taints tolerated (Kubernetes'
 * {@code nodeAffinityPolicy: Honor} and {@code nodeTaintsPolicy: Honor}). Counts are of the workload's own replicas.
 * Spread over {@link TopologyKey#HOSTNAME} is not offered: use hostname anti-affinity.
 *
 * @param key zone, site or region
 * @param maxSkew at least 1
 */
public record TopologySpread(TopologyKey key, int maxSkew) {

    public TopologySpread {
        Objects.requireNonNull(key, "key");
        if (key == TopologyKey.HOSTNAME) {
            throw new IllegalArgumentException("topology spread over hostname is not supported; use anti-affinity");
        }
        if (maxSkew < 1) {
            throw new IllegalArgumentException("maxSkew must be at least 1, got " + maxSkew);
        }
    }
}
