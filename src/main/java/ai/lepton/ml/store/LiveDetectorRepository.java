package ai.lepton.ml.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class LiveDetectorRepository extends EntityRepository<LiveDetectorEntity> {

    public LiveDetectorRepository(Sessions sessions) {
        super(sessions, LiveDetectorEntity.class);
    }

    public Optional<LiveDetectorEntity> find(long projectId, String name) {
        return first("where projectId = ?1 and name = ?2", projectId, name);
    }

    public List<LiveDetectorEntity> list(long projectId, long offset, int limit) {
        return page("where projectId = ?1 order by name", offset, limit, projectId);
    }

    public long countFor(long projectId) {
        return count("where projectId = ?1", projectId);
    }

    public List<LiveDetectorEntity> all() {
        return page("order by id", 0, Integer.MAX_VALUE);
    }
}
