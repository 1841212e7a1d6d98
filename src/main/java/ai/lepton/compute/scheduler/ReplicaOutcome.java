package ai.lepton.compute.scheduler;

import java.util.Locale;

/**
 * How a job replica ended. An ended replica holds no node and no quota; it stays in its workload with its outcome.
 */
public enum ReplicaOutcome {
    /** It exited successfully. */
    SUCCEEDED,
    /** It failed and its job had no retries left, so the job failed. */
    FAILED,
    /** It was stopped (taken off its node, or never placed) because another replica failed its job. */
    STOPPED;

    /** {@code Succeeded}, {@code Failed} or {@code Stopped}. */
    public String wireName() {
        String n = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Parses a wire name, case-insensitively. */
    public static ReplicaOutcome fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
