package ai.lepton.compute.service;

import ai.lepton.compute.api.QuotaSpec;
import ai.lepton.compute.api.QuotaView;
import ai.lepton.compute.api.ReplicaReport;
import ai.lepton.compute.api.ResourceSpec;
import ai.lepton.compute.api.TrafficWeights;
import ai.lepton.compute.api.WorkloadSpec;
import ai.lepton.compute.api.WorkloadView;
import ai.lepton.compute.scheduler.Admission;
import ai.lepton.compute.scheduler.Quota;
import ai.lepton.compute.scheduler.ScheduleResult;
import ai.lepton.compute.scheduler.Scheduler;
import ai.lepton.compute.scheduler.JobProgress;
import ai.lepton.compute.scheduler.Workload;
import ai.lepton.compute.scheduler.WorkloadType;
import ai.lepton.compute.store.ComputeStore;
import ai.lepton.compute.store.JobReplicaEntity;
import ai.lepton.compute.store.QuotaEntity;
import ai.lepton.compute.store.WorkloadEntity;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Workloads and quotas of a project. */
@ApplicationScoped
public class WorkloadService {

    /** The problem type of a request refused by the project's quota. */
    static final String QUOTA_EXCEEDED = "quota-exceeded";
    /** The problem type of a gang scale-up whose added replicas cannot all be placed. */
    static final String GANG_UNPLACEABLE = "gang-unplaceable";

    private final ClusterHost host;
    private final ComputeStore store;
    private final Projects projects;

    public WorkloadService(ClusterHost host, ComputeStore store, Projects projects) {
        this.host = host;
        this.store = store;
        this.projects = projects;
    }

    public WorkloadView create(String project, WorkloadSpec spec) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        Workload w = Specs.workload(ref.name(), qualified(ref, spec.name()), spec);
        WorkloadSpec stored = spec.withReplicas(w.replicas());
        WorkloadView v = host.write((s, tx) -> {
            if (store.workload(ref.id(), spec.name()).isPresent()) {
                throw ProblemException.conflict("a workload named '" + spec.name() + "' already exists");
            }
            WorkloadEntity e = new WorkloadEntity();
            e.projectId = ref.id();
            e.project = ref.name();
            e.name = spec.name();
            e.seq = store.nextSeq();
            e.type = w.type().wireName();
            e.replicas = w.replicas();
            e.admitted = 0; // set from the scheduler by tx.record below
            e.specJson = host.json(stored);
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            store.persist(e);
            store.flush();
            ScheduleResult r = s.submit(w);
            refuseIfRejected(r); // a rejection changed nothing: the insert above rolls back
            tx.record(r, w.name());
            return view(s, e);
        });
        Log.infof("workload %s/%s submitted: %s, %d replica(s), priority %d; %d running, %s", project, spec.name(),
                v.type(), v.desiredReplicas(), v.priority(), v.running(), v.queued() ? "queued for quota"
                        : (v.admittedReplicas() - v.running()) + " pending");
        return v;
    }

    public Page<WorkloadView> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        List<WorkloadEntity> rows = QuarkusTransaction.requiringNew().call(() -> store.workloads(ref.id(),
                page.offset(), page.limit()));
        long total = QuarkusTransaction.requiringNew().call(() -> store.countWorkloads(ref.id()));
        Map<String, List<JobReplicaEntity>> jobRows = host.jobRows(rows);
        return new Page<>(host.read(s -> rows.stream().map(e -> host.view(s, e, jobRows)).toList()), page.offset(),
                page.limit(), total);
    }

    public WorkloadView get(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        WorkloadEntity e = QuarkusTransaction.requiringNew().call(() -> row(ref, name));
        Map<String, List<JobReplicaEntity>> jobRows = host.jobRows(List.of(e));
        return host.read(s -> host.view(s, e, jobRows));
    }

    /** A node agent's or operator's report that a job replica's run ended; see {@link ClusterHost#reportReplica}. */
    public WorkloadView reportReplica(String project, String name, int replica, ReplicaReport report) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        return host.reportReplica(ref.name(), name, replica, report);
    }

    public WorkloadView scale(String project, String name, Integer replicas) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        if (replicas == null || replicas < 0 || replicas > 10_000) {
            throw ProblemException.invalid("replicas", "must be between 0 and 10000");
        }
        WorkloadView v = host.write((s, tx) -> scaleIn(s, tx, row(ref, name), replicas));
        Log.infof("workload %s/%s scaled to %d replica(s): %d running", project, name, replicas, v.running());
        return v;
    }

    /** Scales inside a change; used by the autoscaler too. */
    WorkloadView scaleIn(Scheduler s, ClusterHost.Tx tx, WorkloadEntity e, int replicas) {
        JobProgress job = s.state().workload(e.qualifiedName()).map(w -> w.job()).orElse(null);
        if (job != null && job.state().finished()) {
            throw ProblemException.conflict("job '" + e.name + "' has finished (" + job.state().wireName()
                    + "): submit a new one");
        }
        ScheduleResult r = s.scale(e.qualifiedName(), replicas);
        refuseIfRejected(r);
        tx.record(r, e.qualifiedName());
        return view(s, e);
    }

    public void delete(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        host.write((s, tx) -> {
            deleteIn(s, tx, row(ref, name));
            return null;
        });
        Log.infof("workload %s/%s deleted", project, name);
    }

    private void deleteIn(Scheduler s, ClusterHost.Tx tx, WorkloadEntity e) {
        store.deleteBindings(e.qualifiedName());
        store.deleteJobReplicas(e.qualifiedName());
        store.delete(e);
        store.flush();
        tx.record(s.delete(e.qualifiedName()));
    }

    /**
     * Deletes the finished jobs whose {@code ttlSecondsAfterFinished} has passed at {@code now}; the scheduling loop's
     * leader calls it every round.
     *
     * @return how many were deleted
     */
    int deleteExpiredJobs(Instant now) {
        List<WorkloadEntity> expired = QuarkusTransaction.requiringNew().call(() -> store.expiredJobs(now));
        int deleted = 0;
        for (WorkloadEntity x : expired) {
            boolean gone = host.write((s, tx) -> {
                WorkloadEntity e = store.workload(x.projectId, x.name).orElse(null);
                if (e == null || e.expiresAt == null || e.expiresAt.isAfter(now)) {
                    return false; // deleted meanwhile, or by another process
                }
                deleteIn(s, tx, e);
                return true;
            });
            if (gone) {
                deleted++;
                Log.infof("job %s/%s deleted: it finished (%s) at %s and its ttlSecondsAfterFinished has passed",
                        x.project, x.name, x.jobState, x.finishedAt);
            }
        }
        return deleted;
    }

    public TrafficWeights allocation(String project, String name, Double demand) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        double d = demand == null ? 1.0 : demand;
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw ProblemException.invalid("demand", "must be a finite number >= 0");
        }
        WorkloadEntity e = QuarkusTransaction.requiringNew().call(() -> row(ref, name));
        if (!WorkloadType.DEPLOYMENT.wireName().equals(e.type)) {
            throw ProblemException.conflict("workload '" + name + "' is a job; traffic goes to deployments");
        }
        return host.read(s -> host.weights(s, ref.name(), name, d));
    }

    // ------------------------------------------------------------------ quotas

    public QuotaView quota(String project) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        Optional<QuotaEntity> q = QuarkusTransaction.requiringNew().call(() -> store.quota(ref.id()));
        return host.read(s -> quotaView(s, ref, q.orElse(null)));
    }

    public QuotaView setQuota(String project, QuotaSpec spec) {
        ProjectRef ref = projects.authorize(project, Action.ADMIN);
        List<FieldError> errors = new ArrayList<>();
        if (spec == null) {
            throw ProblemException.invalid("body", "is required");
        }
        if (spec.cpuMillis() == null || spec.cpuMillis() < 0) {
            errors.add(new FieldError("cpuMillis", "is required and must be 0 or more"));
        }
        if (spec.memoryMiB() == null || spec.memoryMiB() < 0) {
            errors.add(new FieldError("memoryMiB", "is required and must be 0 or more"));
        }
        if (spec.gpus() != null && spec.gpus() < 0) {
            errors.add(new FieldError("gpus", "must be 0 or more"));
        }
        Quota.QuotaPolicy policy = Quota.QuotaPolicy.REJECT;
        if (spec.policy() != null) {
            switch (spec.policy().trim().toLowerCase(Locale.ROOT)) {
                case "reject" -> policy = Quota.QuotaPolicy.REJECT;
                case "queue" -> policy = Quota.QuotaPolicy.QUEUE;
                default -> errors.add(new FieldError("policy", "must be reject or queue"));
            }
        }
        Specs.fail(errors);
        Quota quota = Quota.of(spec.cpuMillis(), spec.memoryMiB(), spec.gpus() == null ? 0 : spec.gpus(), policy);
        QuotaView v = host.write((s, tx) -> {
            Optional<QuotaEntity> existing = store.quota(ref.id());
            QuotaEntity e = existing.orElseGet(QuotaEntity::new);
            e.projectId = ref.id();
            e.project = ref.name();
            e.cpuMillis = quota.limit().cpuMillis();
            e.memoryMiB = quota.limit().memoryMiB();
            e.gpus = quota.limit().gpus();
            e.policy = quota.policy().name();
            e.updatedAt = Instant.now();
            if (existing.isEmpty()) {
                store.persist(e);
            }
            tx.record(s.setQuota(ref.name(), quota));
            return quotaView(s, ref, e);
        });
        Log.infof("quota of project %s set: %d mCPU, %d MiB, %d GPU(s), %s", project, quota.limit().cpuMillis(),
                quota.limit().memoryMiB(), quota.limit().gpus(), v.policy());
        return v;
    }

    private static QuotaView quotaView(Scheduler s, ProjectRef ref, QuotaEntity q) {
        List<String> queued = s.state().workloads().stream()
                .filter(w -> w.workload().project().equals(ref.name()) && w.queued())
                .map(w -> Views.shortName(w.workload().name())).toList();
        return new QuotaView(ref.name(), q == null ? null : new ResourceSpec(q.cpuMillis, q.memoryMiB, q.gpus, null),
                q == null ? null : q.policy.toLowerCase(Locale.ROOT),
                Specs.view(s.state().quotaUsage(ref.name())), queued);
    }

    // ------------------------------------------------------------------ helpers

    private static void refuseIfRejected(ScheduleResult r) {
        for (Admission a : r.admissions()) {
            if (a.decision() == Admission.Decision.REJECTED) {
                throw new ProblemException(409, QUOTA_EXCEEDED, "Quota exceeded", "workload "
                        + Views.shortName(a.workload()) + " needs " + a.replicas() + " replica(s): " + a.detail());
            }
            if (a.decision() == Admission.Decision.UNPLACEABLE) {
                throw new ProblemException(409, GANG_UNPLACEABLE, "Gang cannot grow", "workload "
                        + Views.shortName(a.workload()) + " is a gang and its " + a.replicas() + " replica(s) cannot all"
                        + " be placed: " + a.detail());
            }
        }
    }

    WorkloadView view(Scheduler s, WorkloadEntity e) {
        return host.view(s, e);
    }

    private WorkloadEntity row(ProjectRef ref, String name) {
        return store.workload(ref.id(), name).orElseThrow(() -> ProblemException.notFound(
                "workload '" + name + "' not found in project '" + ref.name() + "'"));
    }

    private static String qualified(ProjectRef ref, String name) {
        return ref.name() + "/" + name;
    }
}
