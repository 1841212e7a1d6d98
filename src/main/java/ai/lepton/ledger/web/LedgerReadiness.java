package ai.lepton.ledger.web;

import ai.lepton.ledger.service.LedgerHost;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The ledger's part of {@code /q/health/ready}: down when it could not be opened (a damaged or locked chain, an
 * unreadable CA), up while it opens in the background (requests that need it wait) and once open.
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    private final LedgerHost host;

    public LedgerReadiness(LedgerHost host) {
        this.host = host;
    }

    @Override
    public HealthCheckResponse call() {
        LedgerHost.State s = host.state();
        return HealthCheckResponse.named("ledger").status(s.up()).withData("mode", host.mode())
                .withData("state", s.name()).withData("detail", s.detail()).build();
    }
}
