package ai.lepton.platform.security;

import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.web.Problems;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates every {@code /api/**} and {@code /graphql} request by its {@code Authorization: Bearer} key and applies
 * the per-key rate limit. Runs as a Vert.x filter so REST and GraphQL share one gate; health, metrics, OpenAPI, Swagger
 * UI and GraphQL UI are outside it.
 */
@ApplicationScoped
public class ApiKeyFilter {

    /** Routing-context key under which the authenticated principal is stored. */
    public static final String PRINCIPAL = "lepton.principal";
    private static final String BEARER = "bearer ";

    private final ApiKeyAuthenticator authenticator;
    private final Problems problems;
    private final PlatformConfig config;
    private final Map<Long, TokenBucket> buckets = new ConcurrentHashMap<>();

    public ApiKeyFilter(ApiKeyAuthenticator authenticator, Problems problems, PlatformConfig config) {
        this.authenticator = authenticator;
        this.problems = problems;
        this.config = config;
    }

    void register(@Observes Filters filters) {
        filters.register(this::handle, 100);
    }

    static boolean protectedPath(String path) {
        if (path == null) {
            return false;
        }
        if (path.equals("/api") || path.startsWith("/api/")) {
            return true;
        }
        return (path.equals("/graphql") || path.startsWith("/graphql/")) && !path.equals("/graphql/schema.graphql");
    }

    void handle(RoutingContext rc) {
        if (!protectedPath(rc.normalizedPath())) {
            rc.next();
            return;
        }
        String header = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            reject(rc, ProblemException.unauthorized("this endpoint needs an 'Authorization: Bearer <api key>' header"));
            return;
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reject(rc, ProblemException.unauthorized("the Authorization header must use the Bearer scheme"));
            return;
        }
        String hash = KeyMaterial.hash(header.substring(BEARER.length()).trim());
        Optional<Principal> hit = authenticator.cached(hash);
        if (hit.isPresent()) {
            admit(rc, hit.get());
            return;
        }
        // The database lookup blocks: pause the request so no body bytes are lost while a worker thread looks.
        rc.request().pause();
        rc.vertx().<Optional<Principal>>executeBlocking(() -> authenticator.lookup(hash), false)
                .onComplete(result -> {
                    rc.request().resume();
                    if (result.failed()) {
                        Log.errorf(result.cause(), "API key lookup failed");
                        reject(rc, new ProblemException(503, "unavailable", "Service unavailable",
                                "the key store could not be reached; retry shortly"));
                    } else if (result.result().isEmpty()) {
                        reject(rc, ProblemException.unauthorized("the API key is unknown or was revoked"));
                    } else {
                        admit(rc, result.result().get());
                    }
                });
    }

    private void admit(RoutingContext rc, Principal principal) {
        TokenBucket bucket = buckets.computeIfAbsent(principal.keyId(), id -> new TokenBucket(
                config.security().rateLimitPerSecond(), config.security().rateLimitBurst(), System.nanoTime()));
        long retryAfter = bucket.tryAcquire(System.nanoTime());
        if (retryAfter > 0) {
            rc.response().putHeader("Retry-After", Long.toString(retryAfter));
            reject(rc, ProblemException.tooManyRequests("key '" + principal.keyName() + "' exceeded "
                    + config.security().rateLimitPerSecond() + " requests per second", retryAfter));
            return;
        }
        rc.put(PRINCIPAL, principal);
        rc.next();
    }

    private void reject(RoutingContext rc, ProblemException problem) {
        if (problem.status() == 401) {
            rc.response().putHeader("WWW-Authenticate", "Bearer realm=\"lepton\"");
        }
        rc.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .end(problems.json(problem, rc.request().path()));
    }

    /** Forgets rate-limit state of a revoked key. */
    public void forget(long keyId) {
        buckets.remove(keyId);
    }
}
