package ai.lepton.compute.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the compute module, under {@code lepton.compute}. */
@ConfigMapping(prefix = "lepton.compute")
public interface ComputeConfig {

    /** Scoring strategy for workloads that name none: binpack, spread, cost, energy or latency. */
    @WithDefault("binpack")
    String defaultStrategy();

    /** How many candidate nodes each placement's score breakdown lists. */
    @WithDefault("3")
    int explainTopK();

    /** How often the leader retries pending replicas and runs the autoscaler. */
    @WithDefault("5s")
    Duration loopInterval();

    /** Load samples older than this are ignored by the autoscaler (it then keeps the replica count). */
    @WithDefault("1m")
    Duration metricsMaxAge();

    /** PostgreSQL advisory lock key that elects the replica running the scheduling loop ({@code prod} only). */
    @WithDefault("4242001")
    long leaderLockKey();
}
