package ai.lepton.ml.api;

import java.time.Instant;
import java.util.List;

/**
 * A serving endpoint.
 *
 * @param name endpoint name
 * @param model registry model it serves
 * @param routes versions and their traffic weights
 * @param revision incremented on every redeploy
 * @param createdAt creation time
 * @param updatedAt last redeploy
 */
public record EndpointView(String name, String model, List<Route> routes, int revision, Instant createdAt,
        Instant updatedAt) {
}
