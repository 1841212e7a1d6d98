package ai.lepton.compute.api;

import java.util.Map;

/**
 * Round-trip times between sites, in milliseconds; symmetric (a→b sets b→a).
 *
 * @param sites site → site → RTT in ms
 */
public record SiteLatency(Map<String, Map<String, Double>> sites) {
}
