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
}
