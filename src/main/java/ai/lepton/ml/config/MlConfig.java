package ai.lepton.ml.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the ML module, under {@code lepton.ml}. */
@ConfigMapping(prefix = "lepton.ml")
public interface MlConfig {

    /** Training jobs that run at the same time in this process (each uses up to two cores). */
    @WithDefault("1")
    int workers();

    /** Queued jobs accepted across the installation before submissions get 429. */
    @WithDefault("100")
    int maxQueuedJobs();

    /** A running job whose worker has not reported for this long is failed (its process died or restarted). */
    @WithDefault("2m")
    Duration heartbeatTimeout();

    /** How often a running job writes its progress (and checks for cancellation). */
    @WithDefault("500ms")
    Duration progressInterval();

    /** Model serving. */
    Serving serving();

    interface Serving {
        /** Most instances predicted in one model call (concurrent requests are grouped up to this). */
        @WithDefault("256")
        int maxBatch();

        /** How long a batch may wait for more requests; 0 groups only requests that are already waiting. */
        @WithDefault("0ms")
        Duration maxWait();

        /** Most instances in one predict request (400 beyond). */
        @WithDefault("1000")
        int maxInstancesPerRequest();

        /** How long a replica may serve an endpoint's previous deployment after a redeploy elsewhere. */
        @WithDefault("1s")
        Duration refreshInterval();

        /**
         * How often endpoints backed by a compute deployment report their in-flight requests to its autoscaler and
         * refresh the traffic weights they route by.
         */
        @WithDefault("1s")
        Duration loadReportInterval();
    }
}
