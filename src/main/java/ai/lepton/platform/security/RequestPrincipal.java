package ai.lepton.platform.security;

import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Reads the principal that {@link ApiKeyFilter} attached to the current HTTP request. */
@ApplicationScoped
public class RequestPrincipal implements CurrentPrincipal {

    private final CurrentVertxRequest request;

    public RequestPrincipal(CurrentVertxRequest request) {
        this.request = request;
    }

    @Override
    public Principal get() {
        return find().orElseThrow(() -> ProblemException.unauthorized("this request is not authenticated"));
    }

    @Override
    public Optional<Principal> find() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? Optional.empty() : Optional.ofNullable(rc.get(ApiKeyFilter.PRINCIPAL));
    }
}
