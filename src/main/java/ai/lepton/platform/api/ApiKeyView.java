package ai.lepton.platform.api;

import java.time.Instant;

/**
 * An API key as listings show it; the secret itself is never shown again after creation.
 *
 * @param id key id
 * @param name human name
 * @param role role
 * @param project project it is scoped to, or null for an installation key
 * @param prefix the first characters of the key, to tell keys apart
 * @param createdAt creation time
 * @param revokedAt revocation time, or null while active
 */
public record ApiKeyView(long id, String name, Role role, String project, String prefix, Instant createdAt,
        Instant revokedAt) {
}
