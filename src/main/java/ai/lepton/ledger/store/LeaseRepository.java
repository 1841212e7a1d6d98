package ai.lepton.ledger.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class LeaseRepository extends EntityRepository<LeaseEntity> {

    /** Which side of a lease a project is on, in listings. */
    public enum Side {
        PROVIDER, CONSUMER, EITHER
    }

    public LeaseRepository(Sessions sessions) {
        super(sessions, LeaseEntity.class);
    }

    public Optional<LeaseEntity> byLeaseId(String leaseId) {
        return first("where leaseId = ?1", leaseId);
    }

    /** A project's leases, newest offer first. */
    public List<LeaseEntity> ofProject(String project, Side side, long offset, int limit) {
        return page(where(side) + " order by id desc", offset, limit, project);
    }

    public long countOfProject(String project, Side side) {
        return count(where(side), project);
    }

    /** Leases in a state (open offers: OFFERED), newest first. */
    public List<LeaseEntity> inState(String state, long offset, int limit) {
        return page("where state = ?1 order by id desc", offset, limit, state);
    }

    public long countInState(String state) {
        return count("where state = ?1", state);
    }

    private static String where(Side side) {
        return switch (side) {
            case PROVIDER -> "where providerProject = ?1";
            case CONSUMER -> "where consumerProject = ?1";
            case EITHER -> "where providerProject = ?1 or consumerProject = ?1";
        };
    }
}
