package ai.lepton.compute.service;

import ai.lepton.compute.api.WorkloadMetrics;
import ai.lepton.compute.config.ComputeConfig;
import ai.lepton.compute.scheduler.MetricKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest load samples per workload, as reported through {@link WorkloadMetrics}; the autoscaler reads them.
 * ML serving endpoints backed by a deployment report their in-flight requests here every second. Samples are per
 * process: the autoscaler runs on the leader and sees the load of the endpoints served in the leader's process only
 * (see the README), and the request router ({@code Cluster.routingWeights}) reads them for its demand.
 */
@ApplicationScoped
public class MetricsBoard implements WorkloadMetrics {

    record Sample(double value, Instant at) {
    }

    private final ComputeConfig config;
    private final Map<String, Sample> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Sample> cpu = new ConcurrentHashMap<>();

    public MetricsBoard(ComputeConfig config) {
        this.config = config;
    }

    @Override
    public void inFlight(String project, String workload, long requests) {
        inFlight.put(project + "/" + workload, new Sample(Math.max(0, requests), Instant.now()));
    }

    @Override
    public void cpuUtilisation(String project, String workload, double fraction) {
        cpu.put(project + "/" + workload, new Sample(Math.max(0, fraction), Instant.now()));
    }

    /** Requests in flight for a workload ({@code project/name}), 0 without a fresh sample. */
    long requests(String qualified, Instant now) {
        Sample s = fresh(inFlight.get(qualified), now);
        return s == null ? 0 : (long) s.value();
    }

    /** The metric averaged over {@code replicas} running replicas, empty without a fresh sample. */
    OptionalDouble average(String qualified, MetricKind kind, int replicas, Instant now) {
        if (kind == MetricKind.CPU_UTILISATION) {
            Sample s = fresh(cpu.get(qualified), now);
            return s == null ? OptionalDouble.empty() : OptionalDouble.of(s.value());
        }
        Sample s = fresh(inFlight.get(qualified), now);
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s.value() / Math.max(1, replicas));
    }

    /** Forgets a workload's samples. */
    void forget(String qualified) {
        inFlight.remove(qualified);
        cpu.remove(qualified);
    }

    private Sample fresh(Sample s, Instant now) {
        return s == null || s.at().plus(config.metricsMaxAge()).isBefore(now) ? null : s;
    }
}
