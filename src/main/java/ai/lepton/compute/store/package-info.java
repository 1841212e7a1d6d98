/** Compute entities and repositories (internal): nodes, workloads, bindings, quotas, site latencies. */
package ai.lepton.compute.store;
