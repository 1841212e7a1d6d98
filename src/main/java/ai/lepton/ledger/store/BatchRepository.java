package ai.lepton.ledger.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;

@Singleton
public class BatchRepository extends EntityRepository<BatchEntity> {

    public BatchRepository(Sessions sessions) {
        super(sessions, BatchEntity.class);
    }

    /** Sealed batches whose root is not anchored yet, oldest first. */
    public List<BatchEntity> sealed(int limit) {
        return page("where state = ?1 order by id", 0, limit, BatchEntity.SEALED);
    }

    public long countSealed() {
        return count("where state = ?1", BatchEntity.SEALED);
    }
}
