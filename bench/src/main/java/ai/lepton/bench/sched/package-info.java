/** Helpers of the scheduler benchmark: seeded clusters and arrival traces, the naive first-fit baseline, metrics. */
package ai.lepton.bench.sched;
