package ai.lepton.compute.api;

import java.util.List;

/**
 * A project's quota and usage.
 *
 * @param project project
 * @param limit the quota, null when the project has none
 * @param policy {@code reject} or {@code queue}, null without a quota
 * @param usage what its admitted replicas request together
 * @param queued workloads waiting for quota
 */
public record QuotaView(String project, ResourceSpec limit, String policy, ResourceSpec usage, List<String> queued) {
}
