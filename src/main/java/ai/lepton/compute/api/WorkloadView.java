package ai.lepton.compute.api;

import java.time.Instant;
import java.util.List;

/**
 * A workload and where its replicas are.
 *
 * @param project owning project
 * @param name workload name
 * @param type job or deployment
 * @param priority the resolved priority
 * @param desiredReplicas replicas asked for
 * @param admittedReplicas replicas admitted by the project's quota
 * @param queued whether replicas wait for quota
 * @param running replicas bound to a node
 * @param replicas every admitted replica, with its node or its pending reason; a job's ended replicas too
 * @param job for a job, its state, retries and times; null for a deployment
 * @param lastPlacement the score breakdown of the last placement of one of its replicas
 * @param spec the spec as submitted (replicas kept current)
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record WorkloadView(String project, String name, String type, int priority, int desiredReplicas,
        int admittedReplicas, boolean queued, int running, List<Replica> replicas, Job job,
        PlacementExplanation lastPlacement, WorkloadSpec spec, Instant createdAt, Instant updatedAt) {

    /**
     * One replica.
     *
     * @param replica replica id
     * @param node the node it runs on; for an ended job replica, the node it ran on; null while pending or if it never
     *        ran
     * @param state {@code Pending} or {@code Running}; for a job replica that ended, {@code Succeeded}, {@code Failed}
     *        (its job had no retries left) or {@code Stopped} (another replica failed the job)
     * @param reason for pending replicas, e.g. {@code 0/50 nodes available: 30 insufficient cpu, 20 untolerated taint}
     *        or {@code failed on node gpu-3; retry 1 of 3}; for a failed or stopped one, why
     * @param exitCode jobs: the exit code its last ended run reported (also while it runs again after a retried
     *        failure); null if none
     * @param message jobs: the message its last ended run reported; null if none
     * @param restarts jobs: how many times it was run again after failing (its current run's {@code attempt})
     */
    public record Replica(int replica, String node, String state, String reason, Integer exitCode, String message,
            int restarts) {
    }

    /**
     * A job's progress.
     *
     * @param state {@code Running} (not finished; see the replicas), {@code Succeeded} (every replica succeeded) or
     *        {@code Failed} (a replica failed with no retries left)
     * @param retries failed replica runs that were run again, over the whole job
     * @param maxRetries the most retries the job may use (0 unless the spec says otherwise)
     * @param succeeded replicas that succeeded
     * @param startedAt when its first replica was placed; null before
     * @param finishedAt when it succeeded or failed; null while running
     * @param expiresAt when the scheduling loop deletes it ({@code finishedAt + ttlSecondsAfterFinished}); null if it
     *        is kept
     */
    public record Job(String state, int retries, int maxRetries, int succeeded, Instant startedAt, Instant finishedAt,
            Instant expiresAt) {
    }
}
