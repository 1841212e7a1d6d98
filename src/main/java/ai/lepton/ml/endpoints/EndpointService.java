package ai.lepton.ml.endpoints;

import ai.lepton.compute.api.Cluster;
import ai.lepton.compute.api.TrafficWeights;
import ai.lepton.compute.api.WorkloadMetrics;
import ai.lepton.compute.api.WorkloadView;
import ai.lepton.ml.api.EndpointView;
import ai.lepton.ml.api.ModelVersionView;
import ai.lepton.ml.api.PredictionResult;
import ai.lepton.ml.api.Route;
import ai.lepton.ml.config.MlConfig;
import ai.lepton.ml.registry.ModelRegistryService;
import ai.lepton.ml.serve.InstanceEncoder;
import ai.lepton.ml.serve.MicroBatcher;
import ai.lepton.ml.serve.ServedModel;
import ai.lepton.ml.store.EndpointEntity;
import ai.lepton.ml.store.EndpointRepository;
import ai.lepton.platform.api.Action;
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
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tribuo.Model;

/**
 * Serving endpoints. A deployment holds the loaded model of each route with its micro-batcher; a redeploy loads the
 * new models first and then swaps the deployment, so requests in flight finish on the old one and none is dropped.
 * Other replicas notice a redeploy through the endpoint's revision within the refresh interval.
 *
 * <p>An endpoint may run on a compute deployment of its project ({@code workload}). Then, every
 * {@code lepton.ml.serving.load-report-interval}, its in-flight requests (summed over the endpoints on the same
 * workload) are reported to {@link WorkloadMetrics}, which the compute autoscaler reads, and its routing table is
 * refreshed from the deployment's traffic allocation weights ({@link Cluster#routingWeights}); each request is then
 * routed to one replica by smooth weighted round-robin and counted against it. The model itself runs in this process
 * whichever replica is chosen: there is no remote replica to forward to yet, so the choice is recorded (view and
 * {@code lepton.endpoint.replica.requests}) for the agent-side forwarding to use.
 */
@ApplicationScoped
public class EndpointService {

    /**
     * An endpoint to create or redeploy: either {@code version} (all traffic) or {@code routes} (canary).
     *
     * @param name endpoint name (create only)
     * @param model registry model
     * @param version a version number, for a single route
     * @param routes versions with weights, for a split
     * @param workload a compute deployment of the project the endpoint runs on (create: optional; redeploy: null
     *     keeps the current one, blank detaches it)
     */
    public record Deploy(String name, String model, Integer version, List<Route> routes, String workload) {
    }

    /**
     * Predictions of one request.
     *
     * @param endpoint endpoint name
     * @param model model name
     * @param predictions one per instance, in order
     */
    public record Predictions(String endpoint, String model, List<PredictionResult> predictions) {
    }

    record LiveRoute(Route route, ServedModel model, InstanceEncoder encoder,
            MicroBatcher<InstanceEncoder.Encoded, PredictionResult> batcher, Counter requests, Timer latency) {
    }

    record Deployment(long endpointId, int revision, String name, String model, List<LiveRoute> routes,
            int totalWeight, long checkedAt) {
        Deployment checked(long now) {
            return new Deployment(endpointId, revision, name, model, routes, totalWeight, now);
        }

        void close() {
            routes.forEach(r -> r.batcher().close());
        }
    }

    private static final TypeReference<List<Route>> ROUTES = new TypeReference<>() {
    };
    private static final int MAX_ROUTES = 5;

    private final EndpointRepository endpoints;
    private final ModelRegistryService registry;
    private final Projects projects;
    private final MlConfig config;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Cluster cluster;
    private final WorkloadMetrics workloadMetrics;
    private final Map<String, Deployment> live = new ConcurrentHashMap<>();
    private final Map<String, ServedModel> models = new ConcurrentHashMap<>();
    /** Per endpoint (by {@link #key}): load and routing, kept across redeploys. */
    private final Map<String, EndpointLoad> loads = new ConcurrentHashMap<>();
    /** Workloads given a load figure by the last report, so one whose endpoints went away gets a last 0. */
    private Set<WorkloadKey> reported = Set.of();

    record WorkloadKey(String project, String workload) {
    }

    public EndpointService(EndpointRepository endpoints, ModelRegistryService registry, Projects projects,
            MlConfig config, ObjectMapper mapper, MeterRegistry meters, Cluster cluster,
            WorkloadMetrics workloadMetrics) {
        this.endpoints = endpoints;
        this.registry = registry;
        this.projects = projects;
        this.config = config;
        this.mapper = mapper;
        this.meters = meters;
        this.cluster = cluster;
        this.workloadMetrics = workloadMetrics;
    }

    void stop(@Observes ShutdownEvent event) {
        live.values().forEach(Deployment::close);
    }

    public EndpointView create(String project, Deploy d) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        if (d.name() == null || !d.name().matches(Slug.REGEX)) {
            throw invalid("name", Slug.MESSAGE);
        }
        List<Route> routes = routes(ref, d);
        String workload = d.workload() == null || d.workload().isBlank() ? null : workload(ref, d.workload());
        EndpointEntity e = QuarkusTransaction.requiringNew().call(() -> {
            if (endpoints.find(ref.id(), d.name()).isPresent()) {
                throw ProblemException.conflict("an endpoint named '" + d.name() + "' already exists");
            }
            EndpointEntity created = new EndpointEntity();
            created.projectId = ref.id();
            created.name = d.name();
            created.model = d.model();
            created.routesJson = json(routes);
            created.workload = workload;
            created.revision = 1;
            created.createdAt = Instant.now();
            created.updatedAt = created.createdAt;
            endpoints.persist(created);
            return created;
        });
        swap(ref, e);
        Log.infof("endpoint %s/%s deployed: model %s routes %s%s", project, d.name(), d.model(), routes,
                workload == null ? "" : " on workload " + workload);
        return view(e);
    }

    public EndpointView redeploy(String project, String name, Deploy d) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        EndpointEntity current = QuarkusTransaction.requiringNew().call(() -> endpoint(ref, name));
        Deploy target = new Deploy(name, d.model() == null ? current.model : d.model(), d.version(), d.routes(),
                d.workload());
        List<Route> routes = routes(ref, target);
        String workload = d.workload() == null ? current.workload
                : d.workload().isBlank() ? null : workload(ref, d.workload());
        // load (and so validate) the new models before anything changes
        routes.forEach(r -> served(ref, target.model(), r.version()));
        EndpointEntity e = QuarkusTransaction.requiringNew().call(() -> {
            EndpointEntity row = endpoint(ref, name);
            row.model = target.model();
            row.routesJson = json(routes);
            row.workload = workload;
            row.revision++;
            row.updatedAt = Instant.now();
            return row;
        });
        swap(ref, e);
        Log.infof("endpoint %s/%s redeployed (revision %d): model %s routes %s", project, name, e.revision,
                target.model(), routes);
        return view(e);
    }

    public void delete(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        QuarkusTransaction.requiringNew().run(() -> endpoints.delete(endpoint(ref, name)));
        Deployment d = live.remove(key(ref, name));
        if (d != null) {
            d.close();
        }
        loads.remove(key(ref, name));
        Log.infof("endpoint %s/%s deleted", project, name);
    }

    public Page<EndpointView> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(endpoints.list(ref.id(), page.offset(),
                page.limit()).stream().map(this::view).toList(), page.offset(), page.limit(), endpoints.countFor(ref.id())));
    }

    public EndpointView get(String project, String name) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> view(endpoint(ref, name)));
    }

    public Predictions predict(String project, String name, Object body) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        try {
            return answer(ref, deployment(ref, name), name, body).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while predicting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("prediction failed: " + e.getMessage(), e);
        }
    }

    /**
     * {@link #predict} for a caller on an I/O thread: present when it can be answered without blocking (the project
     * and the deployment are known to this process and fresh), the future completing when the model has answered
     * (at once when the endpoint was idle); empty when the caller must use {@link #predict} on a worker thread.
     */
    public java.util.Optional<CompletableFuture<Predictions>> predictWithoutBlocking(String project, String name,
            Object body) {
        java.util.Optional<ProjectRef> known = projects.authorizeWithoutBlocking(project, Action.READ);
        if (known.isEmpty()) {
            return java.util.Optional.empty();
        }
        ProjectRef ref = known.get();
        Deployment d = live.get(key(ref, name));
        if (d == null || System.nanoTime() - d.checkedAt() >= config.serving().refreshInterval().toNanos()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(answer(ref, d, name, body));
    }

    /**
     * Validates and encodes the instances (problems are thrown at once), counts the request in flight and routes it,
     * and hands the instances to the model; the future completes with the predictions.
     */
    private CompletableFuture<Predictions> answer(ProjectRef ref, Deployment d, String name, Object body) {
        List<?> instances = instances(body);
        EndpointLoad load = load(ref, name);
        load.gauge.begin();
        try {
            load.route();
            LiveRoute route = choose(d);
            List<InstanceEncoder.Encoded> encoded = encode(route, instances);
            long t0 = System.nanoTime();
            CompletableFuture<Predictions> answer = route.batcher().callAsync(encoded).thenApply(out -> {
                route.latency().record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
                route.requests().increment();
                return new Predictions(name, d.model(), out);
            });
            answer.whenComplete((p, e) -> load.gauge.end());
            return answer;
        } catch (RuntimeException e) {
            load.gauge.end();
            throw e;
        }
    }

    private List<?> instances(Object body) {
        if (!(body instanceof Map<?, ?> map) || !(map.get("instances") instanceof List<?> instances)) {
            throw invalid("instances", "the body must be {\"instances\":[{...}, ...]}");
        }
        if (instances.isEmpty()) {
            throw invalid("instances", "give at least one instance");
        }
        int max = config.serving().maxInstancesPerRequest();
        if (instances.size() > max) {
            throw invalid("instances", "at most " + max + " instances per request, got " + instances.size());
        }
        return instances;
    }

    private List<InstanceEncoder.Encoded> encode(LiveRoute route, List<?> instances) {
        List<InstanceEncoder.Problem> problems = new ArrayList<>();
        List<InstanceEncoder.Encoded> encoded = new ArrayList<>(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            InstanceEncoder.Encoded e = route.encoder().encode(i, instances.get(i), problems);
            if (problems.size() >= 100) {
                break;
            }
            encoded.add(e);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.validation(problems.stream().map(p -> new FieldError(p.field(), p.message())).toList());
        }
        return encoded;
    }

    private LiveRoute choose(Deployment d) {
        if (d.routes().size() == 1) {
            return d.routes().get(0);
        }
        int pick = ThreadLocalRandom.current().nextInt(d.totalWeight());
        for (LiveRoute r : d.routes()) {
            pick -= r.route().weight();
            if (pick < 0) {
                return r;
            }
        }
        return d.routes().get(d.routes().size() - 1);
    }

    private Deployment deployment(ProjectRef ref, String name) {
        String key = key(ref, name);
        Deployment d = live.get(key);
        long now = System.nanoTime();
        if (d != null && now - d.checkedAt() < config.serving().refreshInterval().toNanos()) {
            return d;
        }
        EndpointEntity e = QuarkusTransaction.requiringNew().call(() -> endpoint(ref, name));
        if (d != null && d.revision() == e.revision && d.endpointId() == e.id) {
            live.put(key, d.checked(now));
            return d;
        }
        return swap(ref, e);
    }

    private synchronized Deployment swap(ProjectRef ref, EndpointEntity e) {
        String key = key(ref, e.name);
        Deployment current = live.get(key);
        if (current != null && current.revision() == e.revision && current.endpointId() == e.id) {
            return current;
        }
        List<LiveRoute> routes = new ArrayList<>();
        int total = 0;
        for (Route r : read(e.routesJson)) {
            ServedModel m = served(ref, e.model, r.version());
            ModelVersionView v = registry.version(ref, e.model, r.version());
            String[] tags = {"project", ref.name(), "endpoint", e.name, "model", e.model, "version",
                Integer.toString(r.version())};
            routes.add(new LiveRoute(r, m, new InstanceEncoder(v.features()),
                    new MicroBatcher<>("lepton-predict-" + e.name + "-v" + r.version(), config.serving().maxBatch(),
                            config.serving().maxWait().toNanos(), m::predict),
                    meters.counter("lepton.endpoint.requests", tags),
                    Timer.builder("lepton.endpoint.latency").tags(tags).publishPercentileHistogram()
                            .minimumExpectedValue(java.time.Duration.ofMillis(1)).maximumExpectedValue(java.time.Duration.ofSeconds(10))
                            .register(meters)));
            total += r.weight();
        }
        Deployment d = new Deployment(e.id, e.revision, e.name, e.model, List.copyOf(routes), total, System.nanoTime());
        EndpointLoad load = load(ref, e.name);
        if (!Objects.equals(load.workload, e.workload)) {
            load.workload = e.workload;
            refreshRouting(load);
        }
        live.put(key, d);
        if (current != null) {
            current.close();
        }
        return d;
    }

    /** The loaded model of a version, from the cache or the blob store. */
    private ServedModel served(ProjectRef ref, String model, int version) {
        String key = ref.id() + "/" + model + "/" + version;
        ServedModel cached = models.get(key);
        if (cached != null) {
            return cached;
        }
        ModelVersionView v = registry.version(ref, model, version);
        long t0 = System.nanoTime();
        try (InputStream in = registry.artifact(v)) {
            ServedModel m = new ServedModel(Model.deserializeFromStream(in), v.task(), version);
            models.put(key, m);
            Log.infof("model %s v%d loaded for serving in %.0f ms", model, version, (System.nanoTime() - t0) / 1e6);
            return m;
        } catch (IOException e) {
            throw new IllegalStateException("cannot load model " + model + " v" + version + ": " + e.getMessage(), e);
        }
    }

    private List<Route> routes(ProjectRef ref, Deploy d) {
        if (d.model() == null || d.model().isBlank()) {
            throw invalid("model", "is required");
        }
        List<Route> routes;
        if (d.routes() != null && !d.routes().isEmpty()) {
            if (d.version() != null) {
                throw invalid("version", "give either version or routes, not both");
            }
            routes = d.routes();
        } else if (d.version() != null) {
            routes = List.of(new Route(d.version(), 100));
        } else {
            throw invalid("version", "give a version, or routes with versions and weights");
        }
        if (routes.size() > MAX_ROUTES) {
            throw invalid("routes", "at most " + MAX_ROUTES + " routes");
        }
        int total = 0;
        Map<Integer, Boolean> seen = new LinkedHashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            if (r == null || r.weight() < 0) {
                throw invalid("routes[" + i + "].weight", "must be 0 or more");
            }
            if (seen.put(r.version(), true) != null) {
                throw invalid("routes[" + i + "].version", "version " + r.version() + " is listed twice");
            }
            total += r.weight();
            try {
                registry.version(ref, d.model(), r.version());
            } catch (ProblemException e) {
                throw invalid(routes.size() == 1 && d.version() != null ? "version" : "routes[" + i + "].version",
                        e.detail());
            }
        }
        if (total <= 0) {
            throw invalid("routes", "the weights must add up to more than 0");
        }
        return List.copyOf(routes);
    }

    private EndpointEntity endpoint(ProjectRef ref, String name) {
        return endpoints.find(ref.id(), name).orElseThrow(() -> ProblemException.notFound(
                "endpoint '" + name + "' not found in project '" + ref.name() + "'"));
    }

    private EndpointView view(EndpointEntity e) {
        EndpointLoad load = loads.get(e.projectId + "/" + e.name);
        List<EndpointView.ReplicaTraffic> replicas = List.of();
        EndpointLoad.Routing routing = load == null ? null : load.routing;
        if (routing != null && Objects.equals(load.workload, e.workload)) {
            replicas = routing.targets().stream().map(t -> new EndpointView.ReplicaTraffic(t.replica(), t.node(),
                    t.weight(), (long) t.requests().count())).toList();
        }
        return new EndpointView(e.name, e.model, read(e.routesJson), e.revision, e.workload,
                load == null ? 0 : load.gauge.inFlight(), replicas, e.createdAt, e.updatedAt);
    }

    // ------------------------------------------------------------------ load reporting and routing

    /** The load of an endpoint served in this process, by project name; for tests that hold requests in flight. */
    Optional<EndpointLoad> loadOf(String project, String name) {
        return loads.values().stream().filter(l -> l.project.equals(project) && l.endpoint.equals(name)).findFirst();
    }

    private EndpointLoad load(ProjectRef ref, String name) {
        return loads.computeIfAbsent(key(ref, name), k -> new EndpointLoad(ref.name(), name));
    }

    /** Validates an endpoint's workload through the compute facade: a deployment of the same project. */
    private String workload(ProjectRef ref, String name) {
        WorkloadView w = cluster.workload(ref.name(), name).orElseThrow(() -> invalid("workload",
                "no workload '" + name + "' in project '" + ref.name() + "'"));
        if (!"deployment".equals(w.type())) {
            throw invalid("workload", "workload '" + name + "' is a " + w.type() + "; an endpoint runs on a"
                    + " deployment");
        }
        return w.name();
    }

    @Scheduled(every = "${lepton.ml.serving.load-report-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            reportLoad();
        } catch (RuntimeException e) {
            Log.warnf(e, "endpoint load report failed; retrying next interval");
        }
    }

    /**
     * Reports each workload's in-flight requests (the sum over the endpoints on it, each the most in flight at once
     * since its previous sample) to {@link WorkloadMetrics}, a last 0 for workloads no endpoint runs on any more, and
     * refreshes every routing table from the current allocation weights. Runs on a timer; tests call it directly.
     */
    public synchronized void reportLoad() {
        Map<WorkloadKey, Long> load = new HashMap<>();
        for (EndpointLoad l : loads.values()) {
            long v = l.gauge.sample();
            String w = l.workload;
            if (w != null) {
                load.merge(new WorkloadKey(l.project, w), v, Long::sum);
            }
        }
        load.forEach((k, v) -> workloadMetrics.inFlight(k.project(), k.workload(), v));
        for (WorkloadKey gone : reported) {
            if (!load.containsKey(gone)) {
                workloadMetrics.inFlight(gone.project(), gone.workload(), 0);
            }
        }
        reported = Set.copyOf(load.keySet());
        for (EndpointLoad l : loads.values()) {
            refreshRouting(l);
        }
    }

    private void refreshRouting(EndpointLoad l) {
        String w = l.workload;
        if (w == null) {
            l.routing = null;
            return;
        }
        List<TrafficWeights.Weight> replicas;
        try {
            replicas = cluster.routingWeights(l.project, w).map(TrafficWeights::replicas).orElse(List.of());
        } catch (RuntimeException e) {
            Log.debugf("routing weights of %s/%s unavailable, keeping the current table: %s", l.project, w, e);
            return;
        }
        l.update(replicas, r -> meters.counter("lepton.endpoint.replica.requests", "project", l.project,
                "endpoint", l.endpoint, "workload", w, "replica", Integer.toString(r.replica()), "node", r.node()));
    }

    private static String key(ProjectRef ref, String name) {
        return ref.id() + "/" + name;
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.invalid(field, message);
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Route> read(String json) {
        try {
            return mapper.readValue(json, ROUTES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routes are unreadable", e);
        }
    }
}
