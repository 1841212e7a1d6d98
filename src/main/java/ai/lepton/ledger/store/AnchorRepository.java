package ai.lepton.ledger.store;

import ai.lepton.platform.api.store.EntityRepository;
import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

@Singleton
public class AnchorRepository extends EntityRepository<AnchorEntity> {

    public AnchorRepository(Sessions sessions) {
        super(sessions, AnchorEntity.class);
    }

    /** The oldest items not yet in a batch. */
    public List<AnchorEntity> pending(int limit) {
        return page("where batchId is null order by id", 0, limit);
    }

    public long countPending() {
        return count("where batchId is null");
    }

    public List<AnchorEntity> inBatch(long batchId) {
        return page("where batchId = ?1 order by leafIndex", 0, Integer.MAX_VALUE, batchId);
    }

    /** Anchors of one subject (exact), or of every subject starting with {@code prefix}, newest first. */
    public List<AnchorEntity> bySubject(long projectId, String subject, boolean prefix, long offset, int limit) {
        return prefix ? page("where projectId = ?1 and subject like ?2 order by id desc", offset, limit, projectId,
                escapeLike(subject) + "%")
                : page("where projectId = ?1 and subject = ?2 order by id desc", offset, limit, projectId, subject);
    }

    public long countBySubject(long projectId, String subject, boolean prefix) {
        return prefix ? count("where projectId = ?1 and subject like ?2", projectId, escapeLike(subject) + "%")
                : count("where projectId = ?1 and subject = ?2", projectId, subject);
    }

    public List<AnchorEntity> byProject(long projectId, long offset, int limit) {
        return page("where projectId = ?1 order by id desc", offset, limit, projectId);
    }

    public long countByProject(long projectId) {
        return count("where projectId = ?1", projectId);
    }

    /** How many times this subject prefix was anchored already (placements number their anchors with it). */
    public long countSubjectsStartingWith(long projectId, String prefix) {
        return count("where projectId = ?1 and subject like ?2", projectId, escapeLike(prefix) + "%");
    }

    public Optional<AnchorEntity> byEvent(String eventId) {
        return first("where eventId = ?1", eventId);
    }

    private static String escapeLike(String s) {
        // subjects are slugs, digits, ':' and '/', so LIKE's wildcards cannot occur; kept strict anyway
        if (s.indexOf('%') >= 0 || s.indexOf('_') >= 0 || s.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("subject prefix holds a LIKE wildcard: " + s);
        }
        return s;
    }
}
