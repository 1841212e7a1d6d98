/**
 * Public contract of the compute module: the {@link ai.lepton.compute.api.Cluster} facade, node and workload specs
 * and views, the {@link ai.lepton.compute.api.WorkloadMetrics} seam the serving side feeds, and the events
 * {@link ai.lepton.compute.api.WorkloadPlaced}, {@link ai.lepton.compute.api.ReplicaEvicted} and
 * {@link ai.lepton.compute.api.JobFinished}.
 */
package ai.lepton.compute.api;
