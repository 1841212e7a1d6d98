package ai.lepton.platform.api.store;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * The small part of a Panache repository the modules need, over {@link Sessions}.
 *
 * @param <T> entity type with a {@code Long} id
 */
public abstract class EntityRepository<T> {

    private final Sessions sessions;
    private final Class<T> type;

    protected EntityRepository(Sessions sessions, Class<T> type) {
        this.sessions = sessions;
        this.type = type;
    }

    protected Session session() {
        return sessions.current();
    }

    public void persist(T entity) {
        session().persist(entity);
    }

    public void delete(T entity) {
        session().remove(entity);
    }

    public Optional<T> findById(Long id) {
        return Optional.ofNullable(session().find(type, id));
    }

    public Optional<T> findByIdForUpdate(Long id) {
        return Optional.ofNullable(session().find(type, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** A typed HQL selection over this repository's entity, e.g. {@code query("where name = ?1", name)}. */
    protected SelectionQuery<T> query(String whereAndOrder, Object... params) {
        SelectionQuery<T> q = session().createSelectionQuery("from " + type.getSimpleName() + " " + whereAndOrder, type);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q;
    }

    protected Optional<T> first(String whereAndOrder, Object... params) {
        return query(whereAndOrder, params).setMaxResults(1).getResultList().stream().findFirst();
    }

    protected List<T> page(String whereAndOrder, long offset, int limit, Object... params) {
        return query(whereAndOrder, params).setFirstResult(Math.toIntExact(offset)).setMaxResults(limit).getResultList();
    }

    protected long count(String where, Object... params) {
        SelectionQuery<Long> q = session().createSelectionQuery(
                "select count(*) from " + type.getSimpleName() + " " + where, Long.class);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        return q.getSingleResult();
    }
}
