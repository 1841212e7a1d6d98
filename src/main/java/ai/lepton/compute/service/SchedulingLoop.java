package ai.lepton.compute.service;

import ai.lepton.compute.api.WorkloadSpec;
import ai.lepton.compute.scheduler.AutoscalePolicy;
import ai.lepton.compute.scheduler.Autoscaler;
import ai.lepton.compute.scheduler.MetricKind;
import ai.lepton.compute.scheduler.MetricSource;
import ai.lepton.compute.scheduler.ScaleDecision;
import ai.lepton.compute.scheduler.ScheduleResult;
import ai.lepton.compute.scheduler.WorkloadStatus;
import ai.lepton.compute.scheduler.WorkloadType;
import ai.lepton.compute.store.ComputeStore;
import ai.lepton.compute.store.WorkloadEntity;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The periodic scheduling loop, run by the {@link LeaderElection leader} only: retries pending replicas and
 * quota-queued workloads, autoscales deployments that have an autoscale policy, and deletes finished jobs whose
 * {@code ttlSecondsAfterFinished} has passed.
 */
@ApplicationScoped
public class SchedulingLoop {

    private final ClusterHost host;
    private final WorkloadService workloads;
    private final ComputeStore store;
    private final LeaderElection election;
    private final MetricsBoard metrics;
    private final Autoscaler autoscaler;
    private final Set<String> tracked = new HashSet<>();
    /** The time of the round in progress, for the metric source (the autoscaler passes it only to decide). */
    private volatile Instant roundTime = Instant.now();

    public SchedulingLoop(ClusterHost host, WorkloadService workloads, ComputeStore store, LeaderElection election,
            MetricsBoard metrics) {
        this.host = host;
        this.workloads = workloads;
        this.store = store;
        this.election = election;
        this.metrics = metrics;
        this.autoscaler = new Autoscaler(new MetricSource() {
            @Override
            public OptionalDouble average(String workload, MetricKind kind) {
                int running = host.read(s -> s.state().workload(workload).map(w -> w.bindings().size()).orElse(0));
                return metrics.average(workload, kind, running, roundTime);
            }

            @Override
            public long requests(String workload) {
                return metrics.requests(workload, roundTime);
            }
        });
    }

    @Scheduled(every = "${lepton.compute.loop-interval:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (!election.isLeader()) {
            return;
        }
        try {
            round(Instant.now());
        } catch (RuntimeException e) {
            Log.warnf(e, "compute scheduling round failed; retrying next round");
        }
    }

    /** One round at {@code now}; synchronized because a test may call it while the timer does. */
    public synchronized void round(Instant now) {
        roundTime = now;
        retryPending();
        autoscale(now);
        workloads.deleteExpiredJobs(now);
    }

    private void retryPending() {
        boolean waiting = host.read(s -> !s.state().pending().isEmpty()
                || s.state().workloads().stream().anyMatch(WorkloadStatus::queued));
        if (!waiting) {
            return;
        }
        ScheduleResult r = host.write((s, tx) -> {
            ScheduleResult res = s.retryPending();
            if (!res.placements().isEmpty() || !res.evictions().isEmpty() || !res.admissions().isEmpty()) {
                tx.record(res);
            }
            return res;
        });
        if (!r.placements().isEmpty() || !r.admissions().isEmpty()) {
            Log.infof("compute retry: %d replica(s) placed, %d admission(s), %d still pending", r.placements().size(),
                    r.admissions().size(), r.pending().size());
        }
    }

    private void autoscale(Instant now) {
        List<WorkloadEntity> rows = QuarkusTransaction.requiringNew().call(store::allWorkloads);
        Set<String> live = new HashSet<>();
        for (WorkloadEntity e : rows) {
            live.add(e.qualifiedName());
            if (!WorkloadType.DEPLOYMENT.wireName().equals(e.type)) {
                continue;
            }
            WorkloadSpec spec = host.readJson(e.specJson, WorkloadSpec.class);
            if (spec.autoscale() == null) {
                continue;
            }
            List<FieldError> errors = new ArrayList<>();
            AutoscalePolicy policy = Specs.autoscale(spec.autoscale(), errors);
            if (policy == null) {
                continue;
            }
            tracked.add(e.qualifiedName());
            ScaleDecision d = autoscaler.decide(e.qualifiedName(), policy, e.replicas, now);
            if (!d.changes()) {
                continue;
            }
            try {
                host.write((s, tx) -> {
                    WorkloadEntity row = store.workload(e.project, e.name).orElse(null);
                    if (row == null || row.replicas != d.current()) {
                        return null; // deleted or scaled by someone else meanwhile: decide again next round
                    }
                    return workloads.scaleIn(s, tx, row, d.desired());
                });
                Log.infof("autoscaled %s from %d to %d replica(s): %s", e.qualifiedName(), d.current(), d.desired(),
                        d.reason());
            } catch (ProblemException x) {
                Log.infof("autoscaling %s to %d refused: %s", e.qualifiedName(), d.desired(), x.detail());
            }
        }
        // drop the history and samples of deleted workloads
        for (String gone : tracked.stream().filter(n -> !live.contains(n)).toList()) {
            autoscaler.forget(gone);
            metrics.forget(gone);
            tracked.remove(gone);
        }
    }
}
