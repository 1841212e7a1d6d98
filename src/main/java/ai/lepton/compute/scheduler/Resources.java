package ai.lepton.compute.scheduler;

/**
 * A quantity of node resources: CPU in millicores, memory in MiB, whole GPUs and, optionally, the GPU model.
 *
 * <p>Used for a node's capacity and allocatable resources (where {@code gpuModel} names the model of its GPUs) and for
 * a replica's request (where {@code gpuModel}, when set, restricts the replica to nodes with that model).
 *
 * @param cpuMillis CPU in millicores (1000 = one core), not negative
 * @param memoryMiB memory in MiB, not negative
 * @param gpus whole GPUs, not negative
 * @param gpuModel GPU model such as {@code "H100"}, or null for any or none
 */
public record Resources(long cpuMillis, long memoryMiB, int gpus, String gpuModel) {

    /** Nothing. */
    public static final Resources ZERO = new Resources(0, 0, 0, null);

    public Resources {
        if (cpuMillis < 0 || memoryMiB < 0 || gpus < 0) {
            throw new IllegalArgumentException("resources must not be negative: cpuMillis=" + cpuMillis
                    + ", memoryMiB=" + memoryMiB + ", gpus=" + gpus);
        }
        if (gpuModel != null && gpuModel.isBlank()) {
            gpuModel = null;
        }
    }

    /** CPU and memory only. */
    public static Resources of(long cpuMillis, long memoryMiB) {
        return new Resources(cpuMillis, memoryMiB, 0, null);
    }

    /** CPU, memory and GPUs of any model. */
    public static Resources of(long cpuMillis, long memoryMiB, int gpus) {
        return new Resources(cpuMillis, memoryMiB, gpus, null);
    }

    /** This quantity times {@code n} (the model is kept). */
    public Resources times(int n) {
        return new Resources(Math.multiplyExact(cpuMillis, (long) n), Math.multiplyExact(memoryMiB, (long) n),
                Math.multiplyExact(gpus, n), gpuModel);
    }

    /** Whether every quantity of this is at most the same quantity of {@code other} (models are not compared). */
    public boolean fitsIn(Resources other) {
        return cpuMillis <= other.cpuMillis && memoryMiB <= other.memoryMiB && gpus <= other.gpus;
    }
}
