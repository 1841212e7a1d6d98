package ai.lepton.data.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class DatasetRepository extends EntityRepository<DatasetEntity> {

    public DatasetRepository(Sessions sessions) {
        super(sessions, DatasetEntity.class);
    }

    public Optional<DatasetEntity> find(long projectId, String name) {
        return first("where projectId = ?1 and name = ?2", projectId, name);
    }

    public List<DatasetEntity> list(long projectId, long offset, int limit) {
        return page("where projectId = ?1 order by name", offset, limit, projectId);
    }

    public long countFor(long projectId) {
        return count("where projectId = ?1", projectId);
    }
}
