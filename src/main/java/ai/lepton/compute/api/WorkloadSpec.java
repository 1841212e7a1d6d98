package ai.lepton.compute.api;

import java.util.List;
import java.util.Map;

/**
 * A workload to run: a job or a deployment of identical replicas, and the rules for where they go.
 *
 * @param name workload name, unique in its project
 * @param type {@code job} or {@code deployment}
 * @param replicas replica count, at least 0
 * @param resources per-replica request
 * @param priority an integer or a class name ({@code system-critical}, {@code high}, {@code default}, {@code low})
 * @param preemptible whether higher-priority replicas may evict this workload's (default true)
 * @param nodeSelector labels a node must have
 * @param affinity required and preferred node affinity
 * @param antiAffinity topology key ({@code hostname}, {@code zone}, {@code site}, {@code region}): no two replicas
 *        share a domain of it
 * @param topologySpread spread constraints
 * @param tolerations taints tolerated
 * @param gang all replicas placed together or none
 * @param dataSourceSite site where the data lives, for the latency strategy
 * @param strategy {@code binpack}, {@code spread}, {@code cost}, {@code energy} or {@code latency}; null: the
 *        installation default
 * @param maxRetries jobs: how many failed replica runs, over the whole job, are run again (as Kubernetes'
 *        {@code backoffLimit}); null or 0: the first failure fails the job
 * @param ttlSecondsAfterFinished jobs: seconds a finished (succeeded or failed) job is kept before the scheduling loop
 *        deletes it; 0: at its next round; null: kept until deleted
 * @param autoscale deployments: the autoscaling policy, or null
 */
public record WorkloadSpec(String name, String type, Integer replicas, ResourceSpec resources, Object priority,
        Boolean preemptible, Map<String, String> nodeSelector, Affinity affinity, String antiAffinity,
        List<Spread> topologySpread, List<Toleration> tolerations, Boolean gang, String dataSourceSite,
        String strategy, Integer maxRetries, Long ttlSecondsAfterFinished, Autoscale autoscale) {

    /** This spec with another replica count. */
    public WorkloadSpec withReplicas(int n) {
        return new WorkloadSpec(name, type, n, resources, priority, preemptible, nodeSelector, affinity, antiAffinity,
                topologySpread, tolerations, gang, dataSourceSite, strategy, maxRetries, ttlSecondsAfterFinished,
                autoscale);
    }

    /**
     * Node affinity, as Kubernetes' {@code requiredDuringScheduling...} and {@code preferredDuringScheduling...}.
     *
     * @param required terms of which a node must match at least one
     * @param preferred weighted terms that raise a node's score
     */
    public record Affinity(List<Term> required, List<Preferred> preferred) {
    }

    /**
     * Expressions that must all hold.
     *
     * @param matchExpressions the expressions
     */
    public record Term(List<Expression> matchExpressions) {
    }

    /**
     * One requirement on a node label.
     *
     * @param key label key
     * @param operator {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}, {@code Gt}, {@code Lt}
     * @param values operands
     */
    public record Expression(String key, String operator, List<String> values) {
    }

    /**
     * A weighted preference.
     *
     * @param weight 1 to 100
     * @param preference the term
     */
    public record Preferred(Integer weight, Term preference) {
    }

    /**
     * A topology spread constraint.
     *
     * @param key {@code zone}, {@code site} or {@code region}
     * @param maxSkew at least 1
     */
    public record Spread(String key, Integer maxSkew) {
    }

    /**
     * A toleration.
     *
     * @param key taint key (null with {@code Exists}: every taint)
     * @param operator {@code Equal} (default) or {@code Exists}
     * @param value value for {@code Equal}
     * @param effect effect tolerated, null for all
     */
    public record Toleration(String key, String operator, String value, String effect) {
    }

    /**
     * How a deployment scales.
     *
     * @param minReplicas lower bound while active
     * @param maxReplicas upper bound
     * @param metric {@code inflight} (requests in flight per replica) or {@code cpu} (fraction of the request)
     * @param target the value per replica to hold
     * @param scaleUpWindow e.g. {@code 0s}: scale up only to the lowest recommendation of this window
     * @param scaleDownWindow e.g. {@code 5m}: scale down only to the highest recommendation of this window
     * @param tolerance no change while |metric/target - 1| is at most this (default 0.1)
     * @param scaleToZeroAfter e.g. {@code 10m}: scale to zero after no requests for this long; null never
     */
    public record Autoscale(Integer minReplicas, Integer maxReplicas, String metric, Double target,
            String scaleUpWindow, String scaleDownWindow, Double tolerance, String scaleToZeroAfter) {
    }
}
