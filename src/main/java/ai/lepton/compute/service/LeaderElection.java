package ai.lepton.compute.service;

import ai.lepton.compute.config.ComputeConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Chooses the one platform replica that runs the scheduling loop. On PostgreSQL ({@code prod}) the leader holds a
 * session-level advisory lock ({@code pg_try_advisory_lock}) on a dedicated connection; when its process or
 * connection dies, PostgreSQL releases the lock and another replica takes it on its next try. The connection comes
 * from the pool, whose sessions outlive a {@code close()}, so resigning unlocks explicitly. On H2 (the embedded
 * default, one process) this process is always the leader.
 */
@ApplicationScoped
public class LeaderElection {

    private final InjectableInstance<AgroalDataSource> dataSources;
    private final ComputeConfig config;
    private Boolean postgres;
    private Connection held;

    public LeaderElection(@Any InjectableInstance<AgroalDataSource> dataSources, ComputeConfig config) {
        this.dataSources = dataSources;
        this.config = config;
    }

    /** Whether this process leads now; tries to become leader if nobody holds the lock. Cheap enough per tick. */
    public synchronized boolean isLeader() {
        try {
            if (postgres == null) {
                try (Connection c = dataSources.getActive().getConnection()) {
                    postgres = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
                }
            }
            if (!postgres) {
                return true;
            }
            if (held != null) {
                if (held.isValid(2)) {
                    return true;
                }
                Log.warn("compute leader: the connection holding the advisory lock is gone; leadership lost");
                closeHeld();
            }
            Connection c = dataSources.getActive().getConnection();
            boolean got = false;
            try (PreparedStatement st = c.prepareStatement("select pg_try_advisory_lock(?)")) {
                st.setLong(1, config.leaderLockKey());
                try (ResultSet rs = st.executeQuery()) {
                    got = rs.next() && rs.getBoolean(1);
                }
            } finally {
                if (!got) {
                    c.close();
                }
            }
            if (got) {
                held = c;
                Log.infof("compute leader: this replica now runs the scheduling loop (advisory lock %d)",
                        config.leaderLockKey());
            }
            return got;
        } catch (SQLException e) {
            Log.warnf("compute leader: cannot check the advisory lock (%s); not leading this round", e.getMessage());
            closeHeld();
            return false;
        }
    }

    /** Gives up leadership (closing the connection releases the lock); the next {@link #isLeader()} competes again. */
    public synchronized void resign() {
        if (held != null) {
            Log.infof("compute leader: resigning (advisory lock %d released)", config.leaderLockKey());
        }
        closeHeld();
    }

    void stop(@Observes ShutdownEvent event) {
        resign();
    }

    private void closeHeld() {
        if (held != null) {
            // the connection goes back to the pool, its session lives on: unlock explicitly (a dead connection is
            // discarded by the pool, and PostgreSQL frees the lock with its session)
            try (PreparedStatement st = held.prepareStatement("select pg_advisory_unlock(?)")) {
                st.setLong(1, config.leaderLockKey());
                st.executeQuery().close();
            } catch (SQLException e) {
                Log.debugf("unlocking the leader lock: %s", e.getMessage());
            }
            try {
                held.close();
            } catch (SQLException e) {
                Log.debugf("closing the leader connection: %s", e.getMessage());
            }
            held = null;
        }
    }
}
