/**
 * The compute module's scheduling core: plain Java, no framework types, no clock, no I/O, so the service layer, the
 * node agent and the benchmarks all run the same code.
 *
 * <h2>Model</h2>
 * {@link ai.lepton.compute.scheduler.Node}s (kind, region/zone/site, capacity and allocatable
 * {@link ai.lepton.compute.scheduler.Resources}, labels, taints, price, {@link ai.lepton.compute.scheduler.PowerModel},
 * {@link ai.lepton.compute.scheduler.NodeState}) receive the replicas of
 * {@link ai.lepton.compute.scheduler.Workload}s (jobs or deployments with a per-replica request, a priority, node
 * selector and affinity, anti-affinity, topology spread, tolerations, gang, data-source site and scoring strategy).
 * Projects may have {@link ai.lepton.compute.scheduler.Quota}s. All of these are immutable records with builders.
 *
 * <h2>Using it from a service</h2>
 * One {@link ai.lepton.compute.scheduler.Scheduler} per cluster, called from one thread (the scheduling loop):
 * <pre>{@code
 * Scheduler s = new Scheduler(SchedulerConfig.defaults().withStrategy(ScoringStrategy.ENERGY));
 * s.registerNode(Node.builder("edge-7").kind(NodeKind.EDGE).zone("z1").site("lab")
 *         .capacity(8000, 16384, 1, "L4").power(40, 180).build());          // add or update
 * s.setQuota("vision", Quota.of(64000, 262144, 8, Quota.QuotaPolicy.QUEUE));
 * ScheduleResult r = s.submit(Workload.builder("vision/detector").project("vision").replicas(3)
 *         .resources(new Resources(2000, 4096, 1, "L4")).priorityClass("high")
 *         .antiAffinity(TopologyKey.HOSTNAME).spread(TopologyKey.ZONE, 1).build());
 * r.placements();   // where each replica went, with a ScoreBreakdown of the top candidates
 * r.pending();      // "0/50 nodes available: 30 insufficient cpu, 20 untolerated taint"
 * r.evictions();    // replicas preempted (re-queued) to make room
 * r.admissions();   // quota decisions
 * s.scale("vision/detector", 5); s.delete("vision/detector");
 * s.cordon("edge-7"); s.drain("edge-7"); s.uncordon("edge-7"); s.removeNode("edge-7");
 * s.allocation("vision/detector", 2.5);            // traffic weights by water-filling
 * s.replicaSucceeded("vision/train", 0);           // a job replica ended: frees its node and quota
 * s.replicaFailed("vision/train", 1);              // re-queued while the job has retries, else the job fails
 * s.state().bindings();                            // persist these (and each job's progress) ...
 * Scheduler.restore(cfg, nodes, quotas, workloads, admitted, bindings, jobs);  // ... and rebuild after a restart
 * }</pre>
 * Every mutating call returns an immutable {@link ai.lepton.compute.scheduler.ScheduleResult}; the service turns it
 * into events ({@code WorkloadPlaced}, evictions) and persists {@link ai.lepton.compute.scheduler.ClusterState}'s
 * nodes, workloads and bindings. {@link ai.lepton.compute.scheduler.Autoscaler} decides replica counts from a
 * {@link ai.lepton.compute.scheduler.MetricSource} with the time passed in; the service applies them with
 * {@code scale}. {@link ai.lepton.compute.scheduler.TrafficAllocation} is the water-filling traffic split.
 *
 * <h2>Pipeline</h2>
 * Per workload, as in the Kubernetes scheduling framework: PreFilter (selector and affinity to a bit set of nodes
 * through a label index, tolerations resolved per distinct taint); Filter, in this order, each node counted under the
 * first that rejects it: {@code NodeUnschedulable}, {@code NodeAffinity}, {@code TaintToleration},
 * {@code NodeResourcesFit}, {@code PodTopologySpread}, {@code InterPodAntiAffinity}; Score: the strategy
 * ({@link ai.lepton.compute.scheduler.ScoringStrategy}: binpack, spread, cost, energy, latency) plus preferred node
 * affinity and PreferNoSchedule taints, weighted (see {@link ai.lepton.compute.scheduler.SchedulerConfig}); Reserve
 * and Bind; Permit for gangs (all replicas tentatively with an undo log, kept only if all fit); PostFilter:
 * preemption of strictly lower-priority, preemptible replicas, choosing the node as kube-scheduler does.
 *
 * <h2>Speed</h2>
 * Every node is evaluated for every replica (no sampling), over primitive per-node arrays; the second and later
 * replicas of a workload re-evaluate only the node that changed. See {@code bench/README.md} for figures.
 */
package ai.lepton.compute.scheduler;
