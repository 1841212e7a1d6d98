package ai.lepton.platform.api;

import java.time.Instant;

/**
 * A project (tenant) as the API shows it.
 *
 * @param name URL slug, unique in the installation
 * @param description free text
 * @param createdAt creation time
 */
public record ProjectView(String name, String description, Instant createdAt) {
}
