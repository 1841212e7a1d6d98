package ai.lepton.platform.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class EventLogRepository extends EntityRepository<EventLogEntity> {

    public EventLogRepository(Sessions sessions) {
        super(sessions, EventLogEntity.class);
    }

    public List<EventLogEntity> listForProject(String project, String type, long offset, int limit) {
        return type == null
                ? page("where project = ?1 order by id desc", offset, limit, project)
                : page("where project = ?1 and eventType = ?2 order by id desc", offset, limit, project, type);
    }

    public java.util.Optional<EventLogEntity> find(String project, String eventId) {
        return first("where project = ?1 and eventId = ?2", project, eventId);
    }

    public long countForProject(String project, String type) {
        return type == null
                ? count("where project = ?1", project)
                : count("where project = ?1 and eventType = ?2", project, type);
    }
}
