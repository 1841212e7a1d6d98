package ai.lepton.ml.api;

import java.time.Instant;

/** One measurement of one metric on one node, as the agents report it. */
public record TelemetryPoint(String node, String metric, Instant at, double value) {
}
