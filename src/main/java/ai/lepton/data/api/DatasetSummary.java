package ai.lepton.data.api;

import java.time.Instant;

/**
 * A dataset in a listing.
 *
 * @param name URL slug, unique in its project
 * @param description free text
 * @param createdAt creation time
 * @param versionCount number of versions
 * @param latestVersion number of the newest version, or null when none was uploaded yet
 */
public record DatasetSummary(String name, String description, Instant createdAt, long versionCount,
        Integer latestVersion) {
}
