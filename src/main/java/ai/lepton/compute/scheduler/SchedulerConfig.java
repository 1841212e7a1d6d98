package ai.lepton.compute.scheduler;

import java.util.Objects;

/**
 * Scheduler settings. Scores are weighted sums of plugin scores (each 0 to 100); the default weights follow the
 * Kubernetes defaults, where soft constraints outweigh resource scoring (TaintToleration 3, NodeAffinity 2,
 * NodeResourcesFit 1).
 *
 * @param strategy scoring strategy for workloads that name none
 * @param strategyWeight weight of the strategy's score, at least 0
 * @param preferredAffinityWeight weight of the preferred node affinity score, at least 0
 * @param preferNoScheduleWeight weight of the PreferNoSchedule taint score, at least 0
 * @param explainTopK how many candidate nodes each placement's {@link ScoreBreakdown} lists, at least 1
 * @param latency site RTTs for the latency strategy
 */
public record SchedulerConfig(ScoringStrategy strategy, int strategyWeight, int preferredAffinityWeight,
        int preferNoScheduleWeight, int explainTopK, LatencyMatrix latency) {

    public SchedulerConfig {
        Objects.requireNonNull(strategy, "strategy");
        if (strategyWeight < 0 || preferredAffinityWeight < 0 || preferNoScheduleWeight < 0) {
            throw new IllegalArgumentException("score weights must not be negative");
        }
        if (explainTopK < 1) {
            throw new IllegalArgumentException("explainTopK must be at least 1");
        }
        latency = latency == null ? LatencyMatrix.EMPTY : latency;
    }

    /** Binpack, weights 1 / 2 / 3, top 3 explained, no latency figures. */
    public static SchedulerConfig defaults() {
        return new SchedulerConfig(ScoringStrategy.BINPACK, 1, 2, 3, 3, LatencyMatrix.EMPTY);
    }

    public SchedulerConfig withStrategy(ScoringStrategy s) {
        return new SchedulerConfig(s, strategyWeight, preferredAffinityWeight, preferNoScheduleWeight, explainTopK,
                latency);
    }

    public SchedulerConfig withLatency(LatencyMatrix m) {
        return new SchedulerConfig(strategy, strategyWeight, preferredAffinityWeight, preferNoScheduleWeight,
                explainTopK, m);
    }

    public SchedulerConfig withExplainTopK(int k) {
        return new SchedulerConfig(strategy, strategyWeight, preferredAffinityWeight, preferNoScheduleWeight, k,
                latency);
    }
}
