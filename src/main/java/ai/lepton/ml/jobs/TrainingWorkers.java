package ai.lepton.ml.jobs;

import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.data.api.RowStream;
import ai.lepton.data.api.VersionView;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.DatasetRef;
import ai.lepton.ml.api.JobState;
import ai.lepton.ml.api.Split;
import ai.lepton.ml.api.Task;
import ai.lepton.ml.config.MlConfig;
import ai.lepton.ml.registry.ModelRegistryService;
import ai.lepton.ml.store.TrainingJobEntity;
import ai.lepton.ml.store.TrainingJobRepository;
import ai.lepton.ml.train.FeaturePlan;
import ai.lepton.ml.train.TrainingException;
import ai.lepton.ml.train.TrainingRun;
import ai.lepton.platform.api.ProjectRef;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs queued training jobs on a fixed number of worker threads. The queue is the database: a job is claimed with a
 * conditional update (QUEUED to RUNNING), so several replicas never run one job twice, and queued jobs survive a
 * restart. A running job writes a heartbeat with its progress; a job whose heartbeat stops (its process died) is
 * failed with that reason by whichever replica notices.
 */
@ApplicationScoped
public class TrainingWorkers {

    private final TrainingJobRepository jobs;
    private final DatasetCatalog datasets;
    private final ModelRegistryService registry;
    private final MlConfig config;
    private final ObjectMapper mapper;
    private final ai.lepton.platform.api.Projects projects;
    private final ai.lepton.data.api.BlobStorage blobs;
    private final String workerId = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicBoolean dispatching = new AtomicBoolean();
    private Semaphore slots;
    private ExecutorService pool;
    private ExecutorService dispatcher;
    private volatile boolean running;

    public TrainingWorkers(TrainingJobRepository jobs, DatasetCatalog datasets, ModelRegistryService registry,
            MlConfig config, ObjectMapper mapper, ai.lepton.platform.api.Projects projects,
            ai.lepton.data.api.BlobStorage blobs) {
        this.projects = projects;
        this.blobs = blobs;
        this.jobs = jobs;
        this.datasets = datasets;
        this.registry = registry;
        this.config = config;
        this.mapper = mapper;
    }

    void start(@Observes StartupEvent event) {
        slots = new Semaphore(config.workers());
        pool = Executors.newFixedThreadPool(config.workers(), r -> {
            Thread t = new Thread(r, "lepton-training");
            t.setDaemon(true);
            return t;
        });
        dispatcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lepton-training-dispatch");
            t.setDaemon(true);
            return t;
        });
        running = true;
        reapStale();
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (pool != null) {
            pool.shutdownNow();
            dispatcher.shutdownNow();
        }
    }

    @Scheduled(every = "2s", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        reapStale();
    }

    private volatile boolean paused;

    /** Stops or resumes taking new jobs off the queue (running jobs continue); used by maintenance and tests. */
    void pause(boolean pause) {
        paused = pause;
        if (!pause) {
            wake();
        }
    }

    /** Asks for queued jobs to be claimed while worker slots are free. */
    public void wake() {
        if (running && !paused && dispatching.compareAndSet(false, true)) {
            dispatcher.execute(() -> {
                try {
                    dispatch();
                } finally {
                    dispatching.set(false);
                }
            });
        }
    }

    private void dispatch() {
        while (running && slots.tryAcquire()) {
            String claimed = QuarkusTransaction.requiringNew().call(() -> {
                for (String id : jobs.oldestQueued(5)) {
                    if (jobs.claim(id, workerId, Instant.now())) {
                        return id;
                    }
                }
                return null;
            });
            if (claimed == null) {
                slots.release();
                return;
            }
            pool.execute(() -> {
                try {
                    run(claimed);
                } finally {
                    slots.release();
                    wake();
                }
            });
        }
    }

    /** Fails running jobs whose worker stopped reporting. */
    void reapStale() {
        Instant before = Instant.now().minus(config.heartbeatTimeout());
        List<String> failed = QuarkusTransaction.requiringNew().call(() -> jobs.stale(before).stream().map(j -> {
            j.state = JobState.FAILED.name();
            j.error = "the worker running this job stopped reporting (its server stopped or restarted at "
                    + j.heartbeatAt + "); submit the job again";
            j.stage = "failed";
            j.finishedAt = Instant.now();
            return j.id;
        }).toList());
        failed.forEach(id -> Log.warnf("training job %s failed: its worker stopped reporting", id));
    }

    private void run(String id) {
        TrainingJobEntity job = QuarkusTransaction.requiringNew().call(() -> jobs.find(id).orElseThrow());
        Task task = Task.valueOf(job.task);
        Algorithm algorithm = Algorithm.valueOf(job.algorithm);
        long started = System.nanoTime();
        Log.infof("training job %s started on %s: %s %s on %s v%d", id, workerId, task.wire(), algorithm.wire(),
                job.dataset, job.datasetVersion);
        Progress progress = new Progress(id);
        try {
            ProjectRef ref = projects.byId(job.projectId);
            VersionView data = datasets.version(ref, job.dataset, job.datasetVersion);
            List<String> features = read(job.featuresJson, TrainingJobService.STRINGS);
            Map<String, Object> hyper = read(job.hyperparametersJson, TrainingJobService.MAP);
            Split split = mapper.readValue(job.splitJson, Split.class);
            FeaturePlan plan = FeaturePlan.of(data.columns(), task, job.target, features);
            TrainingRun.Result result;
            try (RowStream rows = datasets.rows(ref, job.dataset, job.datasetVersion)) {
                result = new TrainingRun(task, algorithm, plan, hyper, split, progress)
                        .run(rows, data.rows(), job.dataset + " v" + job.datasetVersion + " (" + data.sha256() + ")",
                                tempDir());
            }
            try {
                int version = registry.register(ref, job.model, id, task, algorithm, job.target,
                        new DatasetRef(job.dataset, job.datasetVersion, data.sha256()), hyper, split.seed(), result);
                finish(id, JobState.SUCCEEDED, null, version, "registered as " + job.model + " v" + version);
                Log.infof("training job %s succeeded in %.1f s: %d training rows, %d test rows, metrics %s", id,
                        (System.nanoTime() - started) / 1e9, result.trainRows(), result.testRows(), headline(result));
            } finally {
                Files.deleteIfExists(result.artifact());
            }
        } catch (TrainingRun.Cancelled e) {
            finish(id, JobState.CANCELLED, null, null, "cancelled while running");
            Log.infof("training job %s cancelled", id);
        } catch (TrainingException e) {
            finish(id, JobState.FAILED, (e.field() == null ? "" : e.field() + ": ") + e.getMessage(), null, "failed");
            Log.infof("training job %s failed: %s", id, e.getMessage());
        } catch (Throwable e) {
            finish(id, JobState.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null, "failed");
            Log.errorf(e, "training job %s failed", id);
        }
    }

    private static String headline(TrainingRun.Result r) {
        StringBuilder sb = new StringBuilder();
        r.metrics().forEach((k, v) -> {
            if (v instanceof Number) {
                sb.append(k).append('=').append(v).append(' ');
            }
        });
        return sb.toString().trim();
    }

    private java.nio.file.Path tempDir() {
        return blobs.workDir();
    }

    private void finish(String id, JobState state, String error, Integer version, String stage) {
        QuarkusTransaction.requiringNew().run(() -> jobs.find(id).ifPresent(j -> {
            j.state = state.name();
            j.error = error == null ? null : error.length() > 4000 ? error.substring(0, 4000) : error;
            j.modelVersion = version;
            j.stage = stage;
            j.finishedAt = Instant.now();
            j.heartbeatAt = j.finishedAt;
            if (state == JobState.SUCCEEDED) {
                j.progress = 1.0;
            }
        }));
    }

    private <T> T read(String json, com.fasterxml.jackson.core.type.TypeReference<T> type) throws Exception {
        return mapper.readValue(json, type);
    }

    /** Writes progress and a heartbeat at most every progress interval, and reads the cancel flag then. */
    private final class Progress implements TrainingRun.Listener {
        private final String id;
        private long lastWrite;
        private volatile boolean cancelled;

        Progress(String id) {
            this.id = id;
        }

        @Override
        public void progress(double fraction, String stage) {
            long now = System.nanoTime();
            if (now - lastWrite < config.progressInterval().toNanos() && fraction < 0.99) {
                return;
            }
            lastWrite = now;
            cancelled = QuarkusTransaction.requiringNew().call(() -> jobs.find(id).map(j -> {
                j.progress = Math.max(j.progress, Math.min(fraction, 0.99));
                j.stage = stage;
                j.heartbeatAt = Instant.now();
                return j.cancelRequested;
            }).orElse(false));
        }

        @Override
        public boolean cancelled() {
            if (!cancelled) {
                cancelled = QuarkusTransaction.requiringNew().call(
                        () -> jobs.find(id).map(j -> j.cancelRequested).orElse(false));
            }
            return cancelled;
        }
    }

    /** For tests: whether no job is running in this process. */
    boolean idle() {
        return slots.availablePermits() == config.workers();
    }

    void awaitIdle(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!idle() && System.currentTimeMillis() < end) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
