package ai.lepton.platform.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class OutboxRepository extends EntityRepository<OutboxEventEntity> {

    public OutboxRepository(Sessions sessions) {
        super(sessions, OutboxEventEntity.class);
    }

    /** The oldest unpublished events, in commit order. */
    public List<OutboxEventEntity> pending(int limit) {
        return page("where publishedAt is null order by seq", 0, limit);
    }

    public long countPending() {
        return count("where publishedAt is null");
    }
}
