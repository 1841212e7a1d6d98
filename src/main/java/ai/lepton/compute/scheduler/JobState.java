package ai.lepton.compute.scheduler;

import java.util.Locale;

/**
 * Where a {@link WorkloadType#JOB job} is, as a Kubernetes Job's {@code Complete} and {@code Failed} conditions.
 */
public enum JobState {
    /** Not finished: some replicas are pending, running or waiting for quota (or it has none). */
    RUNNING,
    /** Every replica succeeded. */
    SUCCEEDED,
    /** A replica failed with no retries left; the job's other replicas were stopped. */
    FAILED;

    /** {@code Running}, {@code Succeeded} or {@code Failed}. */
    public String wireName() {
        String n = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** Parses a wire name, case-insensitively. */
    public static JobState fromWire(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }

    /** Whether the job has finished (succeeded or failed). */
    public boolean finished() {
        return this != RUNNING;
    }
}
