package ai.lepton.compute.scheduler;

/**
 * A persisted replica binding, for {@link Scheduler#restore}: replica {@code replica} of {@code workload} runs on
 * {@code node}.
 *
 * @param workload workload name
 * @param replica replica id
 * @param node node name
 */
public record Binding(String workload, int replica, String node) {
}
