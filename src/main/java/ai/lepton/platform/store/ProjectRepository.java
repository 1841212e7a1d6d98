package ai.lepton.platform.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class ProjectRepository extends EntityRepository<ProjectEntity> {

    public ProjectRepository(Sessions sessions) {
        super(sessions, ProjectEntity.class);
    }

    public Optional<ProjectEntity> findByName(String name) {
        return first("where name = ?1", name);
    }

    public List<ProjectEntity> list(long offset, int limit) {
        return page("order by name", offset, limit);
    }

    public long countAll() {
        return count("");
    }
}
