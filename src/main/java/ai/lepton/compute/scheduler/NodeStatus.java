package ai.lepton.compute.scheduler;

/**
 * A node with what is bound to it.
 *
 * @param node the node as registered
 * @param allocated what the bound replicas request together
 * @param free allocatable minus allocated
 * @param replicas how many replicas are bound
 */
public record NodeStatus(Node node, Resources allocated, Resources free, int replicas) {
}
