package ai.lepton.platform.api;

/**
 * A newly created key. {@link #key()} is the secret: it is returned this once and stored only as a hash.
 *
 * @param key the secret to put in {@code Authorization: Bearer <key>}
 * @param details the key's listing
 */
public record CreatedApiKey(String key, ApiKeyView details) {
}
