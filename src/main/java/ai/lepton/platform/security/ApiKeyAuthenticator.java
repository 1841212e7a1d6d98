package ai.lepton.platform.security;

import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.Role;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.store.ApiKeyEntity;
import ai.lepton.platform.store.ApiKeyRepository;
import ai.lepton.platform.store.ProjectRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a presented key into a {@link Principal}. Validated keys are cached by hash for a short time so the request
 * path does not hit the database; revocation in this process evicts at once, other replicas within the TTL.
 */
@ApplicationScoped
public class ApiKeyAuthenticator {

    private record Cached(Principal principal, long expiresAtNanos) {
    }

    private final ApiKeyRepository keys;
    private final ProjectRepository projects;
    private final long ttlNanos;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public ApiKeyAuthenticator(ApiKeyRepository keys, ProjectRepository projects, PlatformConfig config) {
        this.keys = keys;
        this.projects = projects;
        this.ttlNanos = config.security().keyCacheTtl().toNanos();
    }

    /** A cache hit, without blocking; empty when the key must be looked up. */
    public Optional<Principal> cached(String keyHash) {
        Cached c = cache.get(keyHash);
        if (c == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - c.expiresAtNanos > 0) {
            cache.remove(keyHash, c);
            return Optional.empty();
        }
        return Optional.of(c.principal);
    }

    /** Looks the key up in the database (blocking) and caches a hit. */
    public Optional<Principal> lookup(String keyHash) {
        Optional<Principal> p = QuarkusTransaction.joiningExisting().call(() -> keys.findActiveByHash(keyHash)
                .map(this::toPrincipal));
        p.ifPresent(principal -> cache.put(keyHash, new Cached(principal, System.nanoTime() + ttlNanos)));
        return p;
    }

    /** Forgets a key, e.g. after it was revoked. */
    public void evict(long keyId) {
        cache.values().removeIf(c -> c.principal.keyId() == keyId);
    }

    private Principal toPrincipal(ApiKeyEntity key) {
        String project = key.projectId == null ? null
                : projects.findById(key.projectId).map(p -> p.name).orElse(null);
        return new Principal(key.id, key.name, Role.valueOf(key.role), key.projectId, project);
    }
}
