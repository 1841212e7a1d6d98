package ai.lepton.compute.store;

import ai.lepton.platform.api.store.Sessions;
import jakarta.inject.Singleton;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Queries over the compute tables. One class rather than one per table: the scheduler host reads and writes them
 * all together, in one transaction per change.
 */
@Singleton
public class ComputeStore {

    private final Sessions sessions;

    public ComputeStore(Sessions sessions) {
        this.sessions = sessions;
    }

    private Session session() {
        return sessions.current();
    }

    public void persist(Object entity) {
        session().persist(entity);
    }

    public void delete(Object entity) {
        session().remove(entity);
    }

    public void flush() {
        session().flush();
    }

    /** The revision row, locked until the transaction ends: compute changes are serialised across processes. */
    public ComputeStateEntity lockState() {
        return session().find(ComputeStateEntity.class, 1, LockModeType.PESSIMISTIC_WRITE);
    }

    public long revision() {
        return session().createSelectionQuery("select revision from ComputeStateEntity where id = 1", Long.class)
                .getSingleResult();
    }

    public Optional<NodeEntity> node(String name) {
        return session().createSelectionQuery("from NodeEntity where name = ?1", NodeEntity.class)
                .setParameter(1, name).getResultList().stream().findFirst();
    }

    public List<NodeEntity> nodes() {
        return session().createSelectionQuery("from NodeEntity order by id", NodeEntity.class).getResultList();
    }

    public Optional<WorkloadEntity> workload(long projectId, String name) {
        return session().createSelectionQuery("from WorkloadEntity where projectId = ?1 and name = ?2",
                WorkloadEntity.class).setParameter(1, projectId).setParameter(2, name).getResultList().stream()
                .findFirst();
    }

    public Optional<WorkloadEntity> workload(String project, String name) {
        return session().createSelectionQuery("from WorkloadEntity where project = ?1 and name = ?2",
                WorkloadEntity.class).setParameter(1, project).setParameter(2, name).getResultList().stream()
                .findFirst();
    }

    public List<WorkloadEntity> workloads(long projectId, long offset, int limit) {
        return session().createSelectionQuery("from WorkloadEntity where projectId = ?1 order by name",
                WorkloadEntity.class).setParameter(1, projectId).setFirstResult(Math.toIntExact(offset))
                .setMaxResults(limit).getResultList();
    }

    public long countWorkloads(long projectId) {
        return session().createSelectionQuery("select count(*) from WorkloadEntity where projectId = ?1", Long.class)
                .setParameter(1, projectId).getSingleResult();
    }

    /** Every workload in submission order. */
    public List<WorkloadEntity> allWorkloads() {
        return session().createSelectionQuery("from WorkloadEntity order by seq", WorkloadEntity.class)
                .getResultList();
    }

    public long nextSeq() {
        Long max = session().createSelectionQuery("select max(seq) from WorkloadEntity", Long.class)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }

    public List<BindingEntity> bindings() {
        return session().createSelectionQuery("from BindingEntity order by workload, replica", BindingEntity.class)
                .getResultList();
    }

    public void deleteBindings(String workload) {
        session().createMutationQuery("delete from BindingEntity where workload = ?1").setParameter(1, workload)
                .executeUpdate();
    }

    /** Every job replica row, for restore. */
    public List<JobReplicaEntity> jobReplicas() {
        return session().createSelectionQuery("from JobReplicaEntity order by workload, replica",
                JobReplicaEntity.class).getResultList();
    }

    /** A job's replica rows, by replica id. */
    public List<JobReplicaEntity> jobReplicas(String workload) {
        return session().createSelectionQuery("from JobReplicaEntity where workload = ?1 order by replica",
                JobReplicaEntity.class).setParameter(1, workload).getResultList();
    }

    public void deleteJobReplicas(String workload) {
        session().createMutationQuery("delete from JobReplicaEntity where workload = ?1").setParameter(1, workload)
                .executeUpdate();
    }

    /** The job replica rows of the given workloads (scheduler names), by replica id. */
    public List<JobReplicaEntity> jobReplicas(Collection<String> workloads) {
        if (workloads.isEmpty()) {
            return List.of();
        }
        return session().createSelectionQuery("from JobReplicaEntity where workload in ?1 order by workload, replica",
                JobReplicaEntity.class).setParameter(1, workloads).getResultList();
    }

    /** Finished jobs whose time to live has passed at {@code now}, oldest first. */
    public List<WorkloadEntity> expiredJobs(Instant now) {
        return session().createSelectionQuery("from WorkloadEntity where expiresAt <= ?1 order by expiresAt",
                WorkloadEntity.class).setParameter(1, now).getResultList();
    }

    public Optional<QuotaEntity> quota(long projectId) {
        return session().createSelectionQuery("from QuotaEntity where projectId = ?1", QuotaEntity.class)
                .setParameter(1, projectId).getResultList().stream().findFirst();
    }

    public List<QuotaEntity> quotas() {
        return session().createSelectionQuery("from QuotaEntity", QuotaEntity.class).getResultList();
    }

    public List<SiteLatencyEntity> latencies() {
        return session().createSelectionQuery("from SiteLatencyEntity order by siteA, siteB", SiteLatencyEntity.class)
                .getResultList();
    }

    public void deleteLatencies() {
        session().createMutationQuery("delete from SiteLatencyEntity").executeUpdate();
    }
}
