package ai.lepton.ml.store;

import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Models, their versions and aliases. */
@Singleton
public class ModelRepository {

    private final Sessions sessions;

    public ModelRepository(Sessions sessions) {
        this.sessions = sessions;
    }

    public void persist(Object entity) {
        sessions.current().persist(entity);
    }

    public void remove(Object entity) {
        sessions.current().remove(entity);
    }

    public Optional<ModelEntity> model(long projectId, String name) {
        return sessions.current().createSelectionQuery("from ModelEntity where projectId = :p and name = :n",
                ModelEntity.class).setParameter("p", projectId).setParameter("n", name).getResultList().stream()
                .findFirst();
    }

    public Optional<ModelEntity> modelForUpdate(long id) {
        return Optional.ofNullable(sessions.current().find(ModelEntity.class, id,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }

    public List<ModelEntity> models(long projectId, long offset, int limit) {
        return sessions.current().createSelectionQuery("from ModelEntity where projectId = :p order by name",
                ModelEntity.class).setParameter("p", projectId).setFirstResult(Math.toIntExact(offset))
                .setMaxResults(limit).getResultList();
    }

    public long countModels(long projectId) {
        return sessions.current().createSelectionQuery("select count(*) from ModelEntity where projectId = :p",
                Long.class).setParameter("p", projectId).getSingleResult();
    }

    public List<ModelVersionEntity> versions(long modelId) {
        return sessions.current().createSelectionQuery("from ModelVersionEntity where modelId = :m order by version",
                ModelVersionEntity.class).setParameter("m", modelId).getResultList();
    }

    public Optional<ModelVersionEntity> version(long modelId, int version) {
        return sessions.current().createSelectionQuery(
                "from ModelVersionEntity where modelId = :m and version = :v", ModelVersionEntity.class)
                .setParameter("m", modelId).setParameter("v", version).getResultList().stream().findFirst();
    }

    public int latestVersion(long modelId) {
        Integer v = sessions.current().createSelectionQuery(
                "select max(version) from ModelVersionEntity where modelId = :m", Integer.class)
                .setParameter("m", modelId).getSingleResult();
        return v == null ? 0 : v;
    }

    public List<ModelAliasEntity> aliases(long modelId) {
        return sessions.current().createSelectionQuery("from ModelAliasEntity where modelId = :m order by alias",
                ModelAliasEntity.class).setParameter("m", modelId).getResultList();
    }

    public Optional<ModelAliasEntity> alias(long modelId, String alias) {
        return Optional.ofNullable(sessions.current().find(ModelAliasEntity.class,
                new ModelAliasEntity.Key(modelId, alias)));
    }
}
