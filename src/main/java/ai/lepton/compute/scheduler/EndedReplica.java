package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * A job replica that has ended.
 *
 * @param replica replica id
 * @param outcome how it ended
 */
public record EndedReplica(int replica, ReplicaOutcome outcome) {

    public EndedReplica {
        Objects.requireNonNull(outcome, "outcome");
    }
}
