package ai.lepton.compute.api;

/**
 * A project's resource quota.
 *
 * @param cpuMillis most CPU (millicores) the project's admitted replicas may request together
 * @param memoryMiB most memory (MiB)
 * @param gpus most GPUs
 * @param policy {@code reject} (refuse what would exceed it) or {@code queue} (hold it until quota frees up)
 */
public record QuotaSpec(Long cpuMillis, Long memoryMiB, Integer gpus, String policy) {
}
