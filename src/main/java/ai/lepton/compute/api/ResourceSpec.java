package ai.lepton.compute.api;

/**
 * A quantity of node resources.
 *
 * @param cpuMillis CPU in millicores (1000 = one core)
 * @param memoryMiB memory in MiB
 * @param gpus whole GPUs
 * @param gpuModel GPU model such as {@code H100}; on a request it restricts replicas to nodes with that model
 */
public record ResourceSpec(Long cpuMillis, Long memoryMiB, Integer gpus, String gpuModel) {
}
