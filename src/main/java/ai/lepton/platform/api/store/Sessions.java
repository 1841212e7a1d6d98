package ai.lepton.platform.api.store;

import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import org.hibernate.Session;

/**
 * Hands out the Hibernate session of the active persistence unit.
 *
 * <p>Why not Panache: one artifact must run on H2 (the embedded default) or PostgreSQL ({@code prod}). In Quarkus the
 * JDBC driver and the dialect are fixed at build time per datasource, so the application declares two datasources and
 * two persistence units over the same entities and activates one at run time. Panache refuses entities attached to
 * more than one persistence unit, so repositories work on the plain {@link Session} instead.
 */
@ApplicationScoped
public class Sessions {

    private final InjectableInstance<Session> sessions;
    private volatile Session active;

    public Sessions(@Any InjectableInstance<Session> sessions) {
        this.sessions = sessions;
    }

    /** The transaction-scoped session of the active persistence unit (a proxy, safe to keep). */
    public Session current() {
        Session s = active;
        if (s == null) {
            s = sessions.getActive();
            active = s;
        }
        return s;
    }
}
