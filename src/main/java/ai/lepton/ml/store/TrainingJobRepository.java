package ai.lepton.ml.store;

import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Singleton
public class TrainingJobRepository {

    private final Sessions sessions;

    public TrainingJobRepository(Sessions sessions) {
        this.sessions = sessions;
    }

    public void persist(TrainingJobEntity job) {
        sessions.current().persist(job);
    }

    public Optional<TrainingJobEntity> find(String id) {
        return Optional.ofNullable(sessions.current().find(TrainingJobEntity.class, id));
    }

    public Optional<TrainingJobEntity> find(long projectId, String id) {
        return find(id).filter(j -> j.projectId == projectId);
    }

    public List<TrainingJobEntity> list(long projectId, long offset, int limit) {
        return sessions.current().createSelectionQuery(
                "from TrainingJobEntity where projectId = :p order by createdAt desc", TrainingJobEntity.class)
                .setParameter("p", projectId).setFirstResult(Math.toIntExact(offset)).setMaxResults(limit)
                .getResultList();
    }

    public long count(long projectId) {
        return sessions.current().createSelectionQuery("select count(*) from TrainingJobEntity where projectId = :p",
                Long.class).setParameter("p", projectId).getSingleResult();
    }

    public long countInState(String state) {
        return sessions.current().createSelectionQuery("select count(*) from TrainingJobEntity where state = :s",
                Long.class).setParameter("s", state).getSingleResult();
    }

    /** Ids of the oldest queued jobs. */
    public List<String> oldestQueued(int limit) {
        return sessions.current().createSelectionQuery(
                "select id from TrainingJobEntity where state = 'QUEUED' order by createdAt", String.class)
                .setMaxResults(limit).getResultList();
    }

    /** Moves a queued job to running for this worker; false when another worker (or a cancel) got there first. */
    public boolean claim(String id, String worker, Instant now) {
        return sessions.current().createMutationQuery("update TrainingJobEntity set state = 'RUNNING', worker = :w, "
                + "startedAt = :now, heartbeatAt = :now, stage = 'starting' where id = :id and state = 'QUEUED'")
                .setParameter("w", worker).setParameter("now", now).setParameter("id", id).executeUpdate() == 1;
    }

    /** Running jobs whose worker has not reported since {@code before}. */
    public List<TrainingJobEntity> stale(Instant before) {
        return sessions.current().createSelectionQuery(
                "from TrainingJobEntity where state = 'RUNNING' and heartbeatAt < :b", TrainingJobEntity.class)
                .setParameter("b", before).getResultList();
    }
}
