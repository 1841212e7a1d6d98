package ai.lepton.ml.detect;

import ai.lepton.ml.api.AnomalyDetected;
import ai.lepton.ml.api.TelemetryListener;
import ai.lepton.ml.api.TelemetryPoint;
import ai.lepton.ml.store.LiveDetectorEntity;
import ai.lepton.ml.store.LiveDetectorRepository;
import ai.lepton.ml.telemetry.AnomalyDetector;
import ai.lepton.ml.telemetry.AnomalyDetectorOptions;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.Outbox;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Live anomaly detection on node telemetry. A project attaches a detector to a metric (on one node or all); every
 * point of that metric that arrives through {@link TelemetryListener} is scored by that node's own online detector,
 * and a score at or above the threshold becomes an {@link AnomalyDetected} event in the outbox, in one transaction per
 * call, so an anomaly that was returned was also recorded.
 *
 * <p>The attachments are stored; the detectors' learnt state lives in memory (a few kilobytes per node and metric)
 * and is learnt again after a restart, during each detector's warm-up. Attachments changed by another replica are
 * seen within {@code lepton.ml.live.reload-interval}.
 */
@ApplicationScoped
public class LiveDetectorService implements TelemetryListener {

    /** Most nodes one live detector keeps a model for; points of further nodes are not scored (and logged once). */
    static final int MAX_SERIES_PER_DETECTOR = 100_000;

    /**
     * @param name      the detector's name in the project (a slug)
     * @param metric    the telemetry metric, such as {@code cpu_utilization}
     * @param node      a node name, or {@code *} (the default) for every node
     * @param threshold a score at or above it raises {@code AnomalyDetected} (default 0.3)
     * @param options   detector settings, as for a detector run
     */
    public record Request(String name, String metric, String node, Double threshold, Map<String, Object> options) {
    }

    /** @param series nodes this replica has a model for */
    public record View(String name, String metric, String node, double threshold, Map<String, Object> options,
            int series, Instant createdAt) {
    }

    /** One attachment and its per-node models. */
    private record Attached(long id, String project, String name, String metric, String node, double threshold,
            AnomalyDetectorOptions options, Map<String, AnomalyDetector> series) {
    }

    private final Projects projects;
    private final LiveDetectorRepository repository;
    private final Outbox outbox;
    private final ObjectMapper mapper;
    private final long reloadNanos;
    private final Map<Long, Attached> byId = new ConcurrentHashMap<>();
    private volatile Map<String, List<Attached>> byMetric = Map.of();
    private volatile long loadedAt = Long.MIN_VALUE;

    public LiveDetectorService(Projects projects, LiveDetectorRepository repository, Outbox outbox,
            ObjectMapper mapper, @ConfigProperty(name = "lepton.ml.live.reload-interval", defaultValue = "10s")
            java.time.Duration reload) {
        this.projects = projects;
        this.repository = repository;
        this.outbox = outbox;
        this.mapper = mapper;
        this.reloadNanos = reload.toNanos();
    }

    public View create(String project, Request r) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        if (r == null) {
            throw ProblemException.invalid("request", "a JSON body is required");
        }
        if (r.name() == null || !r.name().matches(Slug.REGEX)) {
            throw ProblemException.invalid("name", Slug.MESSAGE);
        }
        if (r.metric() == null || r.metric().isBlank() || r.metric().length() > 200) {
            throw ProblemException.invalid("metric", "is required (at most 200 characters)");
        }
        String node = r.node() == null || r.node().isBlank() ? "*" : r.node();
        if (node.length() > 200) {
            throw ProblemException.invalid("node", "at most 200 characters");
        }
        double threshold = r.threshold() == null ? AnomalyDetector.ALARM_THRESHOLD : r.threshold();
        if (!(threshold > 0 && threshold <= 1)) {
            throw ProblemException.invalid("threshold", "must be in (0, 1], was " + threshold);
        }
        SeriesService.options(r.options());
        LiveDetectorEntity e = new LiveDetectorEntity();
        e.projectId = ref.id();
        e.name = r.name();
        e.metric = r.metric();
        e.node = node;
        e.threshold = threshold;
        e.optionsJson = json(r.options() == null ? Map.of() : r.options());
        e.createdAt = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (repository.find(ref.id(), e.name).isPresent()) {
                throw ProblemException.conflict("a live detector named '" + e.name + "' already exists");
            }
            repository.persist(e);
        });
        Log.infof("live detector %s/%s attached to %s on %s (threshold %.2f)", project, e.name, e.metric,
                node.equals("*") ? "every node" : "node " + node, threshold);
        reload();
        return view(e);
    }

    public Page<View> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.requiringNew().call(() -> new Page<>(
                repository.list(ref.id(), page.offset(), page.limit()).stream().map(this::view).toList(),
                page.offset(), page.limit(), repository.countFor(ref.id())));
    }

    public View get(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return view(QuarkusTransaction.requiringNew().call(() -> find(ref, name)));
    }

    public void delete(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        QuarkusTransaction.requiringNew().run(() -> repository.delete(find(ref, name)));
        Log.infof("live detector %s/%s detached", project, name);
        reload();
    }

    @Override
    public List<AnomalyDetected> accept(List<TelemetryPoint> points) {
        if (System.nanoTime() - loadedAt > reloadNanos) {
            reload();
        }
        Map<String, List<Attached>> attached = byMetric;
        List<AnomalyDetected> raised = new ArrayList<>();
        for (TelemetryPoint p : points) {
            List<Attached> forMetric = attached.get(p.metric());
            if (forMetric == null) {
                continue;
            }
            for (Attached a : forMetric) {
                if (!a.node().equals("*") && !a.node().equals(p.node())) {
                    continue;
                }
                AnomalyDetector d = a.series().get(p.node());
                if (d == null) {
                    if (a.series().size() >= MAX_SERIES_PER_DETECTOR) {
                        continue;
                    }
                    d = a.series().computeIfAbsent(p.node(), n -> new AnomalyDetector(a.options()));
                }
                double score;
                synchronized (d) {
                    score = d.score(p.at().toEpochMilli(), p.value());
                }
                if (score >= a.threshold()) {
                    raised.add(new AnomalyDetected(UUID.randomUUID(), Instant.now(), a.project(), a.name(), p.node(),
                            p.metric(), p.at(), p.value(), score, a.threshold()));
                }
            }
        }
        if (!raised.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> raised.forEach(outbox::publish));
            for (AnomalyDetected a : raised) {
                Log.warnf("anomaly on node %s, %s = %s at %s: score %.3f (live detector %s/%s)", a.node(), a.metric(),
                        a.value(), a.at(), a.score(), a.project(), a.detector());
            }
        }
        return raised;
    }

    /** Re-reads the attachments, keeping the learnt models of those that did not change. */
    synchronized void reload() {
        List<LiveDetectorEntity> all = QuarkusTransaction.requiringNew().call(repository::all);
        Map<Long, Attached> next = new HashMap<>();
        Map<String, List<Attached>> metrics = new HashMap<>();
        for (LiveDetectorEntity e : all) {
            Attached a = byId.get(e.id);
            if (a == null) {
                String project = projects.byId(e.projectId).name();
                a = new Attached(e.id, project, e.name, e.metric, e.node, e.threshold,
                        SeriesService.options(read(e.optionsJson)), new ConcurrentHashMap<>());
            }
            next.put(e.id, a);
            metrics.computeIfAbsent(e.metric, m -> new ArrayList<>()).add(a);
        }
        byId.keySet().retainAll(next.keySet());
        byId.putAll(next);
        byMetric = Map.copyOf(metrics);
        loadedAt = System.nanoTime();
    }

    private LiveDetectorEntity find(ProjectRef ref, String name) {
        return repository.find(ref.id(), name).orElseThrow(
                () -> ProblemException.notFound("live detector '" + name + "' not found"));
    }

    private View view(LiveDetectorEntity e) {
        Attached a = byId.get(e.id);
        return new View(e.name, e.metric, e.node, e.threshold, read(e.optionsJson), a == null ? 0 : a.series().size(),
                e.createdAt);
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private Map<String, Object> read(String json) {
        try {
            return mapper.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
