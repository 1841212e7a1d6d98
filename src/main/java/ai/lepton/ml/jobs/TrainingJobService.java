package ai.lepton.ml.jobs;

import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.data.api.VersionView;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.JobState;
import ai.lepton.ml.api.Split;
import ai.lepton.ml.api.Task;
import ai.lepton.ml.api.TrainingJobView;
import ai.lepton.ml.config.MlConfig;
import ai.lepton.ml.store.TrainingJobEntity;
import ai.lepton.ml.store.TrainingJobRepository;
import ai.lepton.ml.train.FeaturePlan;
import ai.lepton.ml.train.HyperParameters;
import ai.lepton.ml.train.TrainingException;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import ai.lepton.platform.api.Slug;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Validates and queues training jobs, and shows or cancels them. The {@link TrainingWorkers} run them. */
@ApplicationScoped
public class TrainingJobService {

    /**
     * A training request as the API takes it.
     *
     * @param model registry name (default {@code <dataset>-<algorithm>})
     * @param dataset dataset name
     * @param version dataset version (default: the latest)
     * @param target target column
     * @param task task
     * @param algorithm algorithm
     * @param features feature columns (default: every other non-text column)
     * @param hyperparameters per-algorithm settings
     * @param split train/validation/test fractions and seed
     */
    public record Request(String model, String dataset, Integer version, String target, String task, String algorithm,
            List<String> features, Map<String, Object> hyperparameters, Split split) {
    }

    static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final TrainingJobRepository jobs;
    private final Projects projects;
    private final CurrentPrincipal principal;
    private final DatasetCatalog datasets;
    private final MlConfig config;
    private final ObjectMapper mapper;
    private final TrainingWorkers workers;

    public TrainingJobService(TrainingJobRepository jobs, Projects projects, CurrentPrincipal principal,
            DatasetCatalog datasets, MlConfig config, ObjectMapper mapper, TrainingWorkers workers) {
        this.jobs = jobs;
        this.projects = projects;
        this.principal = principal;
        this.datasets = datasets;
        this.config = config;
        this.mapper = mapper;
        this.workers = workers;
    }

    public TrainingJobView submit(String project, Request r) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        if (r.dataset() == null || r.dataset().isBlank()) {
            throw invalid("dataset", "is required");
        }
        Task task = parse("task", () -> Task.parse(r.task()));
        Algorithm algorithm = parse("algorithm", () -> Algorithm.parse(r.algorithm()));
        if (!algorithm.supports(task)) {
            throw invalid("algorithm", algorithm.wire() + " does not support " + task.wire() + "; use one of "
                    + Algorithm.forTask(task));
        }
        Split split = r.split() == null ? Split.defaults() : r.split();
        validate(split);
        int version = r.version() == null ? latest(ref, r.dataset()) : r.version();
        VersionView data = datasets.version(ref, r.dataset(), version);
        FeaturePlan plan;
        Map<String, Object> hyper;
        try {
            plan = FeaturePlan.of(data.columns(), task, r.target(), r.features());
            hyper = HyperParameters.validate(algorithm, r.hyperparameters());
        } catch (TrainingException e) {
            throw invalid(e.field(), e.getMessage());
        }
        String model = r.model() == null || r.model().isBlank()
                ? (r.dataset() + "-" + algorithm.wire()).toLowerCase(Locale.ROOT) : r.model();
        if (!model.matches(Slug.REGEX)) {
            throw invalid("model", Slug.MESSAGE);
        }
        TrainingJobEntity e = new TrainingJobEntity();
        e.id = UUID.randomUUID().toString();
        e.projectId = ref.id();
        e.model = model;
        e.dataset = r.dataset();
        e.datasetVersion = version;
        e.task = task.name();
        e.algorithm = algorithm.name();
        e.target = plan.targetName();
        e.featuresJson = json(plan.featureNames());
        e.hyperparametersJson = json(hyper);
        e.splitJson = json(split);
        e.state = JobState.QUEUED.name();
        e.progress = 0;
        e.stage = "queued";
        e.createdAt = Instant.now();
        e.createdBy = principal.get().keyName();
        QuarkusTransaction.requiringNew().run(() -> {
            if (jobs.countInState(JobState.QUEUED.name()) >= config.maxQueuedJobs()) {
                throw new ProblemException(429, "queue-full", "Training queue full", "there are already "
                        + config.maxQueuedJobs() + " queued training jobs (lepton.ml.max-queued-jobs); retry later")
                        .with("retryAfterSeconds", 30);
            }
            jobs.persist(e);
        });
        Log.infof("training job %s queued: %s %s on %s/%s v%d -> model %s", e.id, task.wire(), algorithm.wire(),
                project, r.dataset(), version, model);
        workers.wake();
        return view(e);
    }

    public Page<TrainingJobView> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(jobs.list(ref.id(), page.offset(),
                page.limit()).stream().map(this::view).toList(), page.offset(), page.limit(), jobs.count(ref.id())));
    }

    public TrainingJobView get(String project, String id) {
        return get(projects.authorize(project, Action.READ), id);
    }

    /** A job by id for a project the caller already authorised (used by the event stream). */
    public TrainingJobView get(ProjectRef ref, String id) {
        return QuarkusTransaction.requiringNew().call(() -> view(jobs.find(ref.id(), id).orElseThrow(
                () -> ProblemException.notFound("training job " + id + " not found"))));
    }

    public ProjectRef authorizeRead(String project) {
        return projects.authorize(project, Action.READ);
    }

    /** Cancels a queued job at once, or asks a running one to stop at its next check. */
    public TrainingJobView cancel(String project, String id) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        TrainingJobView v = QuarkusTransaction.requiringNew().call(() -> {
            TrainingJobEntity e = jobs.find(ref.id(), id).orElseThrow(
                    () -> ProblemException.notFound("training job " + id + " not found"));
            JobState state = JobState.valueOf(e.state);
            if (state.terminal()) {
                throw ProblemException.conflict("training job " + id + " already ended (" + state + ")");
            }
            if (state == JobState.QUEUED) {
                e.state = JobState.CANCELLED.name();
                e.stage = "cancelled before it started";
                e.finishedAt = Instant.now();
            } else {
                e.cancelRequested = true;
                e.stage = "cancelling";
            }
            return view(e);
        });
        Log.infof("training job %s cancel requested by '%s'", id, principal.get().keyName());
        return v;
    }

    TrainingJobView view(TrainingJobEntity e) {
        return new TrainingJobView(e.id, e.model, e.dataset, e.datasetVersion, Task.valueOf(e.task),
                Algorithm.valueOf(e.algorithm), e.target, read(e.featuresJson, STRINGS), read(e.hyperparametersJson, MAP),
                readSplit(e.splitJson), JobState.valueOf(e.state), e.progress, e.stage, e.error, e.createdAt,
                e.startedAt, e.finishedAt, e.modelVersion);
    }

    private int latest(ProjectRef ref, String dataset) {
        return datasets.latestVersion(ref, dataset).orElseThrow(
                () -> invalid("dataset", "dataset '" + dataset + "' has no version yet"));
    }

    private static void validate(Split s) {
        if (s.train() <= 0 || s.validation() < 0 || s.test() <= 0) {
            throw invalid("split", "train and test must be above 0 and validation at least 0");
        }
        if (Math.abs(s.train() + s.validation() + s.test() - 1.0) > 1e-6) {
            throw invalid("split", "train + validation + test must be 1, was "
                    + (s.train() + s.validation() + s.test()));
        }
    }

    interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String field, Parser<T> p) {
        try {
            return p.parse();
        } catch (IllegalArgumentException e) {
            throw invalid(field, e.getMessage());
        }
    }

    static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(field == null ? "request" : field, message);
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    Split readSplit(String json) {
        try {
            return mapper.readValue(json, Split.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
