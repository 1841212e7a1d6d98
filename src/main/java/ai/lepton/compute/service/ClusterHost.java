package ai.lepton.compute.service;

import ai.lepton.compute.api.Cluster;
import ai.lepton.compute.api.DrainReport;
import ai.lepton.compute.api.JobFinished;
import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.api.PlacementExplanation;
import ai.lepton.compute.api.ReplicaEvicted;
import ai.lepton.compute.api.ReplicaReport;
import ai.lepton.compute.api.TrafficWeights;
import ai.lepton.compute.api.WorkloadPlaced;
import ai.lepton.compute.api.WorkloadSpec;
import ai.lepton.compute.api.WorkloadView;
import ai.lepton.compute.config.ComputeConfig;
import ai.lepton.compute.scheduler.AutoscalePolicy;
import ai.lepton.compute.scheduler.Binding;
import ai.lepton.compute.scheduler.EndedReplica;
import ai.lepton.compute.scheduler.Eviction;
import ai.lepton.compute.scheduler.JobOutcome;
import ai.lepton.compute.scheduler.JobProgress;
import ai.lepton.compute.scheduler.JobState;
import ai.lepton.compute.scheduler.LatencyMatrix;
import ai.lepton.compute.scheduler.MetricKind;
import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeState;
import ai.lepton.compute.scheduler.Placement;
import ai.lepton.compute.scheduler.PendingReplica;
import ai.lepton.compute.scheduler.Quota;
import ai.lepton.compute.scheduler.ReplicaEnd;
import ai.lepton.compute.scheduler.ReplicaOutcome;
import ai.lepton.compute.scheduler.ScheduleResult;
import ai.lepton.compute.scheduler.Scheduler;
import ai.lepton.compute.scheduler.SchedulerConfig;
import ai.lepton.compute.scheduler.ScoringStrategy;
import ai.lepton.compute.scheduler.Workload;
import ai.lepton.compute.scheduler.WorkloadStatus;
import ai.lepton.compute.scheduler.WorkloadType;
import ai.lepton.compute.store.BindingEntity;
import ai.lepton.compute.store.ComputeStateEntity;
import ai.lepton.compute.store.ComputeStore;
import ai.lepton.compute.store.JobReplicaEntity;
import ai.lepton.compute.store.NodeEntity;
import ai.lepton.compute.store.QuotaEntity;
import ai.lepton.compute.store.SiteLatencyEntity;
import ai.lepton.compute.store.WorkloadEntity;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.api.ProblemException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Holds the in-memory {@link Scheduler} and keeps it equal to the database.
 *
 * <p>Every scheduler call happens under one lock. A change runs in one transaction that first locks the
 * {@code compute_state} row (so changes are serialised across platform replicas too), rebuilds the scheduler from the
 * tables if another process changed them since ({@code revision}), applies the scheduler operation, persists the
 * affected workloads and bindings (and jobs' progress), writes a {@link WorkloadPlaced} or {@link ReplicaEvicted}
 * outbox event per placement and eviction and a {@link JobFinished} per finished job, and bumps the revision. If the transaction fails after the scheduler changed, the scheduler
 * is rebuilt from the database, so memory never holds what was not stored.
 */
@ApplicationScoped
public class ClusterHost implements Cluster {

    /** A change to the cluster: calls the scheduler and records what it did through {@code tx}. */
    @FunctionalInterface
    interface Change<T> {
        T apply(Scheduler scheduler, Tx tx);
    }

    private final ComputeStore store;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final ComputeConfig config;
    private final MetricsBoard metrics;
    private final ReentrantLock lock = new ReentrantLock();
    private Scheduler scheduler;
    private long revision = -1;

    public ClusterHost(ComputeStore store, Outbox outbox, ObjectMapper mapper, ComputeConfig config,
            MetricsBoard metrics) {
        this.store = store;
        this.outbox = outbox;
        this.mapper = mapper;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        rebuild();
    }

    /**
     * Rebuilds the scheduler from the database with {@link Scheduler#restore}, without re-deciding anything; pending
     * replicas wait for the scheduling loop's next retry.
     */
    public void rebuild() {
        lock.lock();
        try {
            QuarkusTransaction.requiringNew().run(this::load);
        } finally {
            lock.unlock();
        }
    }

    /** Reads the scheduler's state, fresh as of the last committed change of any process. */
    <T> T read(Function<Scheduler, T> reader) {
        lock.lock();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (scheduler == null || store.revision() != revision) {
                    load();
                }
            });
            return reader.apply(scheduler);
        } finally {
            lock.unlock();
        }
    }

    /** Applies a change in one transaction; see the class comment. */
    <T> T write(Change<T> change) {
        lock.lock();
        Tx tx = new Tx();
        try {
            T out = QuarkusTransaction.requiringNew().call(() -> {
                ComputeStateEntity st = store.lockState();
                if (scheduler == null || st.revision != revision) {
                    load();
                }
                T r = change.apply(scheduler, tx);
                if (tx.changed) {
                    st.revision++;
                    tx.newRevision = st.revision;
                }
                return r;
            });
            if (tx.changed) {
                revision = tx.newRevision;
            }
            return out;
        } catch (RuntimeException e) {
            if (tx.changed) {
                Log.warnf("compute change failed after the scheduler changed (%s); rebuilding it from the database",
                        e.toString());
                try {
                    QuarkusTransaction.requiringNew().run(this::load);
                } catch (RuntimeException again) {
                    scheduler = null; // rebuilt on the next call
                    Log.errorf(again, "compute: rebuilding the scheduler failed; will retry on the next call");
                }
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Loads everything; inside a transaction, under the lock. */
    private void load() {
        long t0 = System.nanoTime();
        LatencyMatrix.Builder lm = LatencyMatrix.builder();
        for (SiteLatencyEntity l : store.latencies()) {
            lm.rtt(l.siteA, l.siteB, l.rttMillis);
        }
        SchedulerConfig cfg = SchedulerConfig.defaults().withStrategy(defaultStrategy())
                .withExplainTopK(Math.max(1, config.explainTopK())).withLatency(lm.build());
        List<Node> nodes = new ArrayList<>();
        for (NodeEntity e : store.nodes()) {
            try {
                nodes.add(Specs.node(readJson(e.specJson, NodeSpec.class)).withState(NodeState.fromWire(e.state)));
            } catch (RuntimeException x) {
                Log.errorf("compute restore: node %s skipped, its stored spec is invalid: %s", e.name, x.getMessage());
            }
        }
        Map<String, Quota> quotas = new HashMap<>();
        for (QuotaEntity q : store.quotas()) {
            quotas.put(q.project, Quota.of(q.cpuMillis, q.memoryMiB, q.gpus, Quota.QuotaPolicy.valueOf(q.policy)));
        }
        List<Workload> workloads = new ArrayList<>();
        Map<String, Integer> admitted = new HashMap<>();
        Map<String, JobProgress> jobs = new HashMap<>();
        Map<String, List<JobReplicaEntity>> jobRows = store.jobReplicas().stream()
                .collect(Collectors.groupingBy(r -> r.workload));
        for (WorkloadEntity w : store.allWorkloads()) {
            WorkloadSpec spec = readJson(w.specJson, WorkloadSpec.class).withReplicas(w.replicas);
            try {
                Workload workload = Specs.workload(w.project, w.qualifiedName(), spec);
                if (workload.type() == WorkloadType.JOB) {
                    jobs.put(w.qualifiedName(), progress(w, jobRows.getOrDefault(w.qualifiedName(), List.of())));
                }
                workloads.add(workload);
                if (w.admitted != null) {
                    admitted.put(w.qualifiedName(), w.admitted);
                }
            } catch (RuntimeException x) {
                Log.errorf("compute restore: workload %s skipped, its stored spec is invalid: %s", w.qualifiedName(),
                        x.getMessage());
            }
        }
        List<Binding> bindings = store.bindings().stream().map(b -> new Binding(b.workload, b.replica, b.node))
                .toList();
        Scheduler.Restored r = Scheduler.restore(cfg, nodes, quotas, workloads, admitted, bindings, jobs);
        r.problems().forEach(p -> Log.warnf("compute restore: %s", p));
        scheduler = r.scheduler();
        revision = store.revision();
        Log.infof("compute scheduler rebuilt at revision %d: %d node(s), %d workload(s), %d binding(s), %d pending,"
                + " %d problem(s) in %.0f ms", revision, nodes.size(), workloads.size(), bindings.size(),
                scheduler.state().pending().size(), r.problems().size(), (System.nanoTime() - t0) / 1e6);
    }

    /** A job's progress as stored: its row's state and retries, and the replicas that ended for good. */
    private static JobProgress progress(WorkloadEntity w, List<JobReplicaEntity> rows) {
        List<EndedReplica> ended = new ArrayList<>();
        for (JobReplicaEntity r : rows) {
            if (r.outcome != null) {
                ended.add(new EndedReplica(r.replica, ReplicaOutcome.fromWire(r.outcome)));
            }
        }
        return new JobProgress(w.jobState == null ? JobState.RUNNING : JobState.fromWire(w.jobState),
                w.retries == null ? 0 : w.retries, ended);
    }

    private ScoringStrategy defaultStrategy() {
        try {
            return ScoringStrategy.fromWire(config.defaultStrategy());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("lepton.compute.default-strategy must be binpack, spread, cost, energy or"
                    + " latency, not '" + config.defaultStrategy() + "'", e);
        }
    }

    /** What one change persists and publishes; used inside {@link #write}. */
    final class Tx {
        boolean changed;
        long newRevision;
        /** What reporters said about replicas that ended in this change, by {@code workload#replica}. */
        private final Map<String, ReplicaReport> reports = new HashMap<>();

        /** Marks the change as made (the revision is bumped, and a failure rebuilds the scheduler). */
        void changed() {
            changed = true;
        }

        /** Keeps a reporter's exit code and message for the replica's row, written by {@link #record}. */
        void reported(String workload, int replica, ReplicaReport report) {
            reports.put(workload + "#" + replica, report);
        }

        /**
         * Persists the bindings and replica counts (desired and admitted) of every workload the result touched (and
         * of {@code also}), and for jobs their state, retries, times and ended replicas; publishes an event per
         * placement and eviction and per finished job.
         */
        void record(ScheduleResult r, String... also) {
            changed = true;
            Instant now = Instant.now();
            Set<String> touched = new LinkedHashSet<>(List.of(also));
            Map<String, PlacementExplanation> last = new HashMap<>();
            Map<String, List<ReplicaEnd>> ends = new HashMap<>();
            Set<String> finished = new HashSet<>();
            for (Eviction e : r.evictions()) {
                touched.add(e.workload());
            }
            for (ReplicaEnd e : r.ends()) {
                touched.add(e.workload());
                ends.computeIfAbsent(e.workload(), k -> new ArrayList<>()).add(e);
            }
            for (JobOutcome j : r.jobs()) {
                touched.add(j.workload());
                finished.add(j.workload());
            }
            for (Placement p : r.placements()) {
                touched.add(p.workload());
                if (p.explanation() != null) {
                    last.put(p.workload(), Views.explanation(p.explanation()));
                }
            }
            r.admissions().forEach(a -> touched.add(a.workload()));
            for (String name : touched) {
                Optional<WorkloadStatus> st = scheduler.state().workload(name);
                Optional<WorkloadEntity> row = store.workload(Views.project(name), Views.shortName(name));
                if (st.isEmpty() || row.isEmpty()) {
                    continue;
                }
                WorkloadEntity w = row.get();
                w.replicas = st.get().workload().replicas();
                w.admitted = st.get().admittedReplicas();
                w.updatedAt = now;
                if (last.containsKey(name)) {
                    w.lastPlacementJson = json(last.get(name));
                }
                store.deleteBindings(name);
                for (Binding b : st.get().bindings()) {
                    BindingEntity be = new BindingEntity();
                    be.workload = name;
                    be.replica = b.replica();
                    be.node = b.node();
                    store.persist(be);
                }
                if (st.get().job() != null) {
                    recordJob(w, st.get(), ends.getOrDefault(name, List.of()), finished.contains(name), now);
                }
            }
            // events in the order they happened: evictions and placements are each in order
            for (Eviction e : r.evictions()) {
                String project = Views.project(e.workload());
                outbox.publish(new ReplicaEvicted(UUID.randomUUID(), now, project, Views.shortName(e.workload()),
                        e.replica(), e.node(), e.priority(), Views.cause(e.cause()), e.detail()));
                Log.infof("replica %s/%d evicted from node %s (%s): %s", e.workload(), e.replica(), e.node(),
                        Views.cause(e.cause()), e.detail());
            }
            for (Placement p : r.placements()) {
                PlacementExplanation x = Views.explanation(p.explanation());
                outbox.publish(new WorkloadPlaced(UUID.randomUUID(), now, p.project(), Views.shortName(p.workload()),
                        p.replica(), p.node(), p.priority(), x));
                Log.infof("replica %s/%d placed on node %s (%s)", p.workload(), p.replica(), p.node(),
                        x == null || x.top().isEmpty() ? "restored" : "score " + x.top().get(0).total() + ", "
                                + x.feasible() + "/" + x.nodes() + " nodes feasible"
                                + (x.preemption() ? ", by preemption" : ""));
            }
            for (JobOutcome j : r.jobs()) {
                outbox.publish(new JobFinished(UUID.randomUUID(), now, j.project(), Views.shortName(j.workload()),
                        j.state().wireName(), j.replicas(), j.retries(), j.detail()));
                Log.infof("job %s %s (%d retries used): %s", j.workload(), j.state().wireName().toLowerCase(Locale.ROOT),
                        j.retries(), j.detail());
            }
            for (PendingReplica p : r.pending()) {
                Log.debugf("replica %s/%d pending: %s", p.workload(), p.replica(), p.reason());
            }
        }

        /** A job's row and replica rows: state, retries, times, and each replica's last end. */
        private void recordJob(WorkloadEntity w, WorkloadStatus st, List<ReplicaEnd> ends, boolean finished,
                Instant now) {
            String name = w.qualifiedName();
            w.jobState = st.job().state().wireName();
            w.retries = st.job().retries();
            if (w.startedAt == null && !st.bindings().isEmpty()) {
                w.startedAt = now;
            }
            if (finished) {
                w.finishedAt = now;
                Long ttl = readJson(w.specJson, WorkloadSpec.class).ttlSecondsAfterFinished();
                w.expiresAt = ttl == null ? null : now.plusSeconds(ttl);
            }
            Set<Integer> live = new HashSet<>();
            st.bindings().forEach(b -> live.add(b.replica()));
            st.pending().forEach(p -> live.add(p.replica()));
            st.ended().forEach(e -> live.add(e.replica()));
            Map<Integer, JobReplicaEntity> rows = new HashMap<>();
            for (JobReplicaEntity row : store.jobReplicas(name)) {
                if (live.contains(row.replica)) {
                    rows.put(row.replica, row);
                } else {
                    store.delete(row); // the replica was removed by a scale-down
                }
            }
            for (ReplicaEnd e : ends) {
                JobReplicaEntity row = rows.get(e.replica());
                boolean fresh = row == null;
                if (fresh) {
                    row = new JobReplicaEntity();
                    row.workload = name;
                    row.replica = e.replica();
                    rows.put(e.replica(), row);
                }
                ReplicaReport said = reports.get(name + "#" + e.replica());
                row.outcome = e.retried() ? null : e.outcome().wireName();
                row.node = e.node();
                row.exitCode = said == null ? null : said.exitCode();
                row.message = said == null ? null : said.message();
                row.detail = e.detail() != null && e.detail().length() > 1000 ? e.detail().substring(0, 1000)
                        : e.detail();
                if (e.retried()) {
                    row.restarts++;
                }
                row.endedAt = now;
                if (fresh) {
                    store.persist(row); // an identity insert runs at once: only once every column is set
                }
                Log.infof("replica %s/%d %s%s: %s", name, e.replica(), e.retried() ? "failed, retried"
                        : e.outcome().wireName().toLowerCase(Locale.ROOT), said == null || said.exitCode() == null ? ""
                        : " (exit code " + said.exitCode() + ")", e.detail());
            }
        }
    }

    // ------------------------------------------------------------------ Cluster facade (no principal)

    @Override
    public List<NodeView> nodes() {
        return read(s -> s.state().nodes().stream().map(n -> Views.node(s.state(), n)).toList());
    }

    @Override
    public Optional<NodeView> node(String name) {
        return read(s -> s.state().node(name).map(n -> Views.node(s.state(), n)));
    }

    @Override
    public NodeView cordon(String name) {
        return setState(name, NodeState.CORDONED, "cordoned");
    }

    @Override
    public NodeView uncordon(String name) {
        return setState(name, NodeState.READY, "uncordoned");
    }

    @Override
    public NodeView setReady(String name, boolean ready) {
        return setState(name, ready ? NodeState.READY : NodeState.NOT_READY, ready ? "ready" : "not ready");
    }

    private NodeView setState(String name, NodeState state, String what) {
        return write((s, tx) -> {
            NodeEntity e = nodeRow(name);
            ScheduleResult r = s.setNodeState(name, state);
            tx.record(r);
            e.state = state.wireName();
            e.updatedAt = Instant.now();
            Log.infof("node %s %s (%d replica(s) placed by it)", name, what, r.placements().size());
            return Views.node(s.state(), s.state().node(name).orElseThrow());
        });
    }

    @Override
    public DrainReport drain(String name) {
        return write((s, tx) -> {
            NodeEntity e = nodeRow(name);
            ScheduleResult r = s.drain(name);
            tx.record(r);
            e.state = NodeState.DRAINING.wireName();
            e.updatedAt = Instant.now();
            Map<String, String> placedAt = new HashMap<>();
            r.placements().forEach(p -> placedAt.put(p.workload() + "#" + p.replica(), p.node()));
            List<DrainReport.Moved> moved = new ArrayList<>();
            List<DrainReport.EvictedReplica> evicted = new ArrayList<>();
            Set<String> movedKeys = new HashSet<>();
            for (Eviction ev : r.evictions()) {
                String key = ev.workload() + "#" + ev.replica();
                String to = placedAt.get(key);
                if (ev.cause() == Eviction.Cause.DRAINED && to != null && movedKeys.add(key)
                        && s.state().workload(ev.workload()).map(w -> w.bindings().stream()
                                .anyMatch(b -> b.replica() == ev.replica())).orElse(false)) {
                    moved.add(new DrainReport.Moved(Views.project(ev.workload()), Views.shortName(ev.workload()),
                            ev.replica(), name, to));
                } else {
                    evicted.add(new DrainReport.EvictedReplica(Views.project(ev.workload()),
                            Views.shortName(ev.workload()), ev.replica(), ev.node(), Views.cause(ev.cause()),
                            ev.detail()));
                }
            }
            List<DrainReport.PendingReplicaView> pending = r.pending().stream()
                    .map(p -> new DrainReport.PendingReplicaView(Views.project(p.workload()),
                            Views.shortName(p.workload()), p.replica(), p.reason()))
                    .toList();
            Log.infof("node %s drained: %d replica(s) moved, %d pending, %d other eviction(s)", name, moved.size(),
                    pending.size(), evicted.size());
            return new DrainReport(Views.node(s.state(), s.state().node(name).orElseThrow()), moved, pending,
                    evicted);
        });
    }

    @Override
    public Optional<WorkloadView> workload(String project, String name) {
        Optional<WorkloadEntity> row = QuarkusTransaction.requiringNew().call(() -> store.workload(project, name));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<JobReplicaEntity>> rows = jobRows(List.of(row.get()));
        return row.map(e -> read(s -> view(s, e, rows)));
    }

    @Override
    public WorkloadView reportReplica(String project, String name, int replica, ReplicaReport report) {
        boolean succeeded = Specs.report(report);
        WorkloadView v = write((s, tx) -> {
            WorkloadEntity e = store.workload(project, name).orElseThrow(() -> ProblemException.notFound(
                    "workload '" + name + "' not found in project '" + project + "'"));
            String q = e.qualifiedName();
            WorkloadStatus st = s.state().workload(q).orElseThrow(() -> ProblemException.conflict("workload '"
                    + name + "' is not in the scheduler (its stored spec could not be restored)"));
            if (st.job() == null) {
                throw ProblemException.conflict("workload '" + name + "' is a deployment: only job replicas run to"
                        + " an end");
            }
            if (st.job().state().finished()) {
                throw ProblemException.conflict("job '" + name + "' has finished (" + st.job().state().wireName()
                        + ")");
            }
            Binding bound = st.bindings().stream().filter(b -> b.replica() == replica).findFirst().orElse(null);
            if (bound == null) {
                String was = st.pending().stream().anyMatch(p -> p.replica() == replica) ? "it is pending"
                        : st.ended().stream().filter(x -> x.replica() == replica).findFirst()
                                .map(x -> "it has ended (" + x.outcome().wireName() + ")").orElse(null);
                if (was == null) {
                    throw ProblemException.notFound("job '" + name + "' has no replica " + replica);
                }
                throw ProblemException.conflict("replica " + replica + " of job '" + name + "' is not running: "
                        + was);
            }
            if (report.node() != null && !report.node().equals(bound.node())) {
                throw ProblemException.conflict("replica " + replica + " of job '" + name + "' runs on node "
                        + bound.node() + ", not " + report.node() + ": the report is stale");
            }
            if (report.attempt() != null) {
                int current = store.jobReplicas(q).stream().filter(x -> x.replica == replica).findFirst()
                        .map(x -> x.restarts).orElse(0);
                if (report.attempt() != current) {
                    throw ProblemException.conflict("replica " + replica + " of job '" + name + "' is on attempt "
                            + current + ", not " + report.attempt() + ": the report is stale");
                }
            }
            ScheduleResult r = succeeded ? s.replicaSucceeded(q, replica) : s.replicaFailed(q, replica);
            tx.reported(q, replica, report);
            tx.record(r, q);
            store.flush();
            return view(s, e);
        });
        return v;
    }

    @Override
    public Optional<TrafficWeights> routingWeights(String project, String name) {
        Optional<WorkloadEntity> row = QuarkusTransaction.requiringNew().call(() -> store.workload(project, name));
        if (row.isEmpty() || !WorkloadType.DEPLOYMENT.wireName().equals(row.get().type)) {
            return Optional.empty();
        }
        WorkloadEntity e = row.get();
        AutoscalePolicy policy = null;
        WorkloadSpec spec = readJson(e.specJson, WorkloadSpec.class);
        if (spec.autoscale() != null) {
            policy = Specs.autoscale(spec.autoscale(), new ArrayList<>());
        }
        AutoscalePolicy p = policy;
        return read(s -> s.state().workload(e.qualifiedName()).map(w -> {
            double demand = p != null && p.metric() == MetricKind.IN_FLIGHT_PER_REPLICA
                    ? metrics.requests(e.qualifiedName(), Instant.now()) / p.target()
                    : w.bindings().size();
            return weights(s, project, name, demand);
        }));
    }

    /** The job replica rows of some workloads, by scheduler name; in a transaction of its own. */
    Map<String, List<JobReplicaEntity>> jobRows(Collection<WorkloadEntity> workloads) {
        List<String> jobs = workloads.stream().filter(e -> e.jobState != null).map(WorkloadEntity::qualifiedName)
                .toList();
        if (jobs.isEmpty()) {
            return Map.of();
        }
        return QuarkusTransaction.requiringNew().call(() -> store.jobReplicas(jobs)).stream()
                .collect(Collectors.groupingBy(r -> r.workload));
    }

    /** A workload's view; inside {@link #write} (it reads the job's replica rows in the change's transaction). */
    WorkloadView view(Scheduler s, WorkloadEntity e) {
        return view(s, e, e.jobState == null ? Map.of() : Map.of(e.qualifiedName(),
                store.jobReplicas(e.qualifiedName())));
    }

    /** A workload's view, with its job replica rows ({@link #jobRows}); inside {@link #read} or {@link #write}. */
    WorkloadView view(Scheduler s, WorkloadEntity e, Map<String, List<JobReplicaEntity>> jobRows) {
        WorkloadSpec spec = readJson(e.specJson, WorkloadSpec.class).withReplicas(e.replicas);
        Optional<WorkloadStatus> st = s.state().workload(e.qualifiedName());
        PlacementExplanation last = e.lastPlacementJson == null ? null
                : readJson(e.lastPlacementJson, PlacementExplanation.class);
        if (st.isEmpty()) { // stored but not in the scheduler (a restore problem was logged)
            return new WorkloadView(e.project, e.name, e.type, 0, e.replicas, 0, false, 0, List.of(), null, last,
                    spec, e.createdAt, e.updatedAt);
        }
        WorkloadStatus w = st.get();
        Map<Integer, JobReplicaEntity> rows = new HashMap<>();
        jobRows.getOrDefault(e.qualifiedName(), List.of()).forEach(r -> rows.put(r.replica, r));
        List<WorkloadView.Replica> replicas = new ArrayList<>();
        for (Binding b : w.bindings()) {
            JobReplicaEntity r = rows.get(b.replica());
            replicas.add(new WorkloadView.Replica(b.replica(), b.node(), "Running", null, r == null ? null
                    : r.exitCode, r == null ? null : r.message, r == null ? 0 : r.restarts));
        }
        for (PendingReplica p : w.pending()) {
            JobReplicaEntity r = rows.get(p.replica());
            replicas.add(new WorkloadView.Replica(p.replica(), null, "Pending", p.reason(), r == null ? null
                    : r.exitCode, r == null ? null : r.message, r == null ? 0 : r.restarts));
        }
        int succeeded = 0;
        for (EndedReplica x : w.ended()) {
            JobReplicaEntity r = rows.get(x.replica());
            boolean ok = x.outcome() == ReplicaOutcome.SUCCEEDED;
            succeeded += ok ? 1 : 0;
            replicas.add(new WorkloadView.Replica(x.replica(), r == null ? null : r.node, x.outcome().wireName(),
                    ok || r == null ? null : r.detail, r == null ? null : r.exitCode, r == null ? null : r.message,
                    r == null ? 0 : r.restarts));
        }
        replicas.sort(Comparator.comparingInt(WorkloadView.Replica::replica));
        WorkloadView.Job job = w.job() == null ? null : new WorkloadView.Job(w.job().state().wireName(),
                w.job().retries(), w.workload().maxRetries(), succeeded, e.startedAt, e.finishedAt, e.expiresAt);
        return new WorkloadView(e.project, e.name, e.type, w.workload().priority(), w.workload().replicas(),
                w.admittedReplicas(), w.queued(), w.bindings().size(), replicas, job, last, spec, e.createdAt,
                e.updatedAt);
    }

    /** A deployment's traffic weights at {@code demand}; inside {@link #read}. */
    TrafficWeights weights(Scheduler s, String project, String name, double demand) {
        Scheduler.WeightedReplicas w = s.allocation(project + "/" + name, demand);
        List<TrafficWeights.Weight> weights = new ArrayList<>();
        for (int i = 0; i < w.replicas().size(); i++) {
            Binding b = w.replicas().get(i);
            weights.add(new TrafficWeights.Weight(b.replica(), b.node(), w.allocation().weights().get(i)));
        }
        return new TrafficWeights(project, name, demand, w.allocation().level(), w.allocation().served(),
                w.allocation().unserved(), weights);
    }

    NodeEntity nodeRow(String name) {
        return store.node(name).orElseThrow(() -> ProblemException.notFound("node '" + name + "' not found"));
    }

    String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T readJson(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored compute spec is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
