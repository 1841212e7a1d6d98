/** REST resources of the compute module: nodes, sites, workloads, quotas. */
package ai.lepton.compute.web;
