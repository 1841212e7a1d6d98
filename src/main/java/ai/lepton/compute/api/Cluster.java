package ai.lepton.compute.api;

import java.util.List;
import java.util.Optional;

/**
 * The compute facade other modules call, without a request principal (e.g. edge offline detection, ops policies):
 * authorise before calling it on behalf of a user.
 */
public interface Cluster {

    /** Every node. */
    List<NodeView> nodes();

    /** A node, if registered. */
    Optional<NodeView> node(String name);

    /** Marks a node unschedulable; its replicas stay. */
    NodeView cordon(String name);

    /** Makes a cordoned, drained or not-ready node schedulable again. */
    NodeView uncordon(String name);

    /** Moves a node's replicas elsewhere, respecting priorities; the node stays unschedulable. */
    DrainReport drain(String name);

    /** Reports a node's agent as (not) responding: {@code NotReady} nodes take no new replicas. */
    NodeView setReady(String name, boolean ready);

    /** A project's workload (job or deployment) and where its replicas are, if it exists. */
    Optional<WorkloadView> workload(String project, String name);

    /**
     * Reports that a running job replica's run ended, as a node agent does when the process exits: success frees its
     * node and quota; failure re-runs it while the job has retries left, else fails the job and stops its other
     * replicas. See {@code POST /api/projects/{project}/workloads/{name}/replicas/{replica}/status}.
     *
     * @return the workload after the report
     * @throws ai.lepton.platform.api.ProblemException 400 naming the bad field, 404 for an unknown workload or
     *         replica, 409 for a deployment, a finished job, a replica that is not running or a stale report
     */
    WorkloadView reportReplica(String project, String workload, int replica, ReplicaReport report);

    /**
     * The weights by which a request router splits a deployment's traffic over its placed replicas now: water-filling
     * ({@code GET .../workloads/{name}/allocation}) at the current demand. The demand is the latest in-flight figure
     * reported through {@link WorkloadMetrics} divided by the deployment's autoscale target (in-flight requests per
     * replica) when it autoscales on in-flight requests, and otherwise its running replica count (each replica at the
     * load its request is sized for). Empty if the workload does not exist or is a job; no replicas if none is placed.
     */
    Optional<TrafficWeights> routingWeights(String project, String name);
}
