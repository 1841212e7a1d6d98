package ai.lepton.platform.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class ApiKeyRepository extends EntityRepository<ApiKeyEntity> {

    public ApiKeyRepository(Sessions sessions) {
        super(sessions, ApiKeyEntity.class);
    }

    public Optional<ApiKeyEntity> findActiveByHash(String hash) {
        return first("where keyHash = ?1 and revokedAt is null", hash);
    }

    public long countAll() {
        return count("");
    }

    public List<ApiKeyEntity> listForProject(Long projectId, long offset, int limit) {
        return projectId == null
                ? page("where projectId is null order by id", offset, limit)
                : page("where projectId = ?1 order by id", offset, limit, projectId);
    }

    public long countForProject(Long projectId) {
        return projectId == null ? count("where projectId is null") : count("where projectId = ?1", projectId);
    }
}
