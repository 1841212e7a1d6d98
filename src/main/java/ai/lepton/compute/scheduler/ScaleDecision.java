package ai.lepton.compute.scheduler;

/**
 * An autoscaler verdict; apply it with {@link Scheduler#scale(String, int)} when {@code desired != current}.
 *
 * @param workload workload name
 * @param current replicas now
 * @param desired replicas wanted
 * @param recommendation the raw recommendation of this sample before the stabilisation windows
 * @param metric the metric value read (NaN when none)
 * @param reason a sentence for people
 */
public record ScaleDecision(String workload, int current, int desired, int recommendation, double metric,
        String reason) {

    /** Whether the count should change. */
    public boolean changes() {
        return desired != current;
    }
}
