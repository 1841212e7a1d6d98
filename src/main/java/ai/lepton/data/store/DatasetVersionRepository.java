package ai.lepton.data.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class DatasetVersionRepository extends EntityRepository<DatasetVersionEntity> {

    public DatasetVersionRepository(Sessions sessions) {
        super(sessions, DatasetVersionEntity.class);
    }

    public Optional<DatasetVersionEntity> find(long datasetId, int number) {
        return first("where datasetId = ?1 and number = ?2", datasetId, number);
    }

    public Optional<DatasetVersionEntity> findBySha(long datasetId, String sha256) {
        return first("where datasetId = ?1 and sha256 = ?2", datasetId, sha256);
    }

    public Optional<DatasetVersionEntity> latest(long datasetId) {
        return first("where datasetId = ?1 order by number desc", datasetId);
    }

    public List<DatasetVersionEntity> all(long datasetId) {
        return query("where datasetId = ?1 order by number", datasetId).getResultList();
    }

    public long countFor(long datasetId) {
        return count("where datasetId = ?1", datasetId);
    }
}
