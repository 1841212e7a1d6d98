package ai.lepton.data.api;

import java.time.Instant;
import java.util.List;

/**
 * A dataset with all its versions and their lineage.
 *
 * @param name URL slug, unique in its project
 * @param description free text
 * @param createdAt creation time
 * @param createdBy name of the key that created it
 * @param versions every version, oldest first
 */
public record DatasetView(String name, String description, Instant createdAt, String createdBy,
        List<VersionSummary> versions) {
}
