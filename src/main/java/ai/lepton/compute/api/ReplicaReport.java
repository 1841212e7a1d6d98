package ai.lepton.compute.api;

/**
 * A node agent's (or an operator's) report that a job replica's run ended.
 *
 * @param phase {@code Succeeded} or {@code Failed}
 * @param exitCode the process's exit code; optional, 0 if given with {@code Succeeded}, not 0 with {@code Failed}
 * @param message optional, at most 1000 characters, e.g. {@code OOMKilled} or the last line of the log
 * @param node optional: the node the run was on; if it is not where the replica is bound now, the report is stale
 *        (409)
 * @param attempt optional: which run of the replica ended, counted from 0 (the workload view's {@code restarts});
 *        if it is not the current run, the report is stale (409)
 */
public record ReplicaReport(String phase, Integer exitCode, String message, String node, Integer attempt) {
}
