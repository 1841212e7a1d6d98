/** The compute service layer: the scheduler host, node and workload services, leader election, autoscaling. */
package ai.lepton.compute.service;
