package ai.lepton.ml.registry;

import ai.lepton.data.api.BlobStorage;
import ai.lepton.ml.api.Algorithm;
import ai.lepton.ml.api.DatasetRef;
import ai.lepton.ml.api.FeatureSchema;
import ai.lepton.ml.api.ModelVersionRegistered;
import ai.lepton.ml.api.ModelVersionView;
import ai.lepton.ml.api.Stage;
import ai.lepton.ml.api.Task;
import ai.lepton.ml.store.ModelAliasEntity;
import ai.lepton.ml.store.ModelEntity;
import ai.lepton.ml.store.ModelRepository;
import ai.lepton.ml.store.ModelVersionEntity;
import ai.lepton.ml.train.TrainingRun;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Registers trained models and serves the registry's reads and changes. */
@ApplicationScoped
public class ModelRegistryService implements ai.lepton.ml.api.ModelArtifacts {

    /**
     * A model in a listing.
     *
     * @param name registry name
     * @param versions number of versions
     * @param latestVersion newest version
     * @param aliases alias to version
     * @param createdAt when the first version was registered
     */
    public record ModelSummary(String name, long versions, int latestVersion, Map<String, Integer> aliases,
            Instant createdAt) {
    }

    /**
     * A model with a line per version.
     *
     * @param name registry name
     * @param aliases alias to version
     * @param versions one line per version
     */
    public record ModelDetail(String name, Map<String, Integer> aliases, List<VersionLine> versions) {
    }

    /**
     * A version in a model's list.
     *
     * @param version number
     * @param algorithm algorithm
     * @param stage stage
     * @param metrics test metrics
     * @param dataset lineage
     * @param createdAt registration time
     */
    public record VersionLine(int version, Algorithm algorithm, Stage stage, Map<String, Object> metrics,
            DatasetRef dataset, Instant createdAt) {
    }

    /**
     * Metrics of several versions side by side.
     *
     * @param model registry name
     * @param versions the versions, in the order asked for
     */
    public record Comparison(String model, List<VersionLine> versions) {
    }

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<FeatureSchema>> FEATURES = new TypeReference<>() {
    };

    private final ModelRepository models;
    private final Projects projects;
    private final Outbox outbox;
    private final BlobStorage blobs;
    private final ObjectMapper mapper;

    public ModelRegistryService(ModelRepository models, Projects projects, Outbox outbox, BlobStorage blobs,
            ObjectMapper mapper) {
        this.models = models;
        this.projects = projects;
        this.outbox = outbox;
        this.blobs = blobs;
        this.mapper = mapper;
    }

    /** Stores the artifact and registers the next version of {@code model}; returns its number. */
    public int register(ProjectRef ref, String model, String jobId, Task task, Algorithm algorithm, String target,
            DatasetRef dataset, Map<String, Object> hyperparameters, long seed, TrainingRun.Result result)
            throws IOException {
        long bytes = java.nio.file.Files.size(result.artifact());
        String sha = blobs.put(result.artifact());
        int version = QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity m = models.model(ref.id(), model).orElseGet(() -> {
                ModelEntity created = new ModelEntity();
                created.projectId = ref.id();
                created.name = model;
                created.createdAt = Instant.now();
                models.persist(created);
                return created;
            });
            // serialise registrations of one model so version numbers stay dense
            models.modelForUpdate(m.id);
            ModelVersionEntity v = new ModelVersionEntity();
            v.modelId = m.id;
            v.version = models.latestVersion(m.id) + 1;
            v.task = task.name();
            v.algorithm = algorithm.name();
            v.metricsJson = json(result.metrics());
            v.featuresJson = json(result.features());
            v.target = target;
            v.dataset = dataset.name();
            v.datasetVersion = dataset.version();
            v.datasetSha256 = dataset.sha256();
            v.hyperparametersJson = json(hyperparameters);
            v.seed = seed;
            v.provenanceJson = result.provenanceJson();
            v.artifactSha256 = sha;
            v.artifactBytes = bytes;
            v.stage = Stage.NONE.name();
            v.trainingJob = jobId;
            v.createdAt = Instant.now();
            models.persist(v);
            outbox.publish(new ModelVersionRegistered(UUID.randomUUID(), v.createdAt, ref.name(), model, v.version, sha,
                    dataset.name(), dataset.version(), dataset.sha256(), jobId));
            return v.version;
        });
        Log.infof("model %s/%s version %d registered (%s, artifact %s, %d bytes)", ref.name(), model, version,
                algorithm.wire(), sha, bytes);
        return version;
    }

    public Page<ModelSummary> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(models.models(ref.id(), page.offset(),
                page.limit()).stream().map(m -> new ModelSummary(m.name, models.versions(m.id).size(),
                        models.latestVersion(m.id), aliases(m.id), m.createdAt)).toList(),
                page.offset(), page.limit(), models.countModels(ref.id())));
    }

    public ModelDetail get(String project, String model) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> {
            ModelEntity m = model(ref, model);
            return new ModelDetail(m.name, aliases(m.id), models.versions(m.id).stream().map(this::line).toList());
        });
    }

    public ModelVersionView version(String project, String model, int version) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return version(ref, model, version);
    }

    /** A version for work outside a request (serving): the caller authorised {@code ref}. */
    @Override
    public ModelVersionView version(ProjectRef ref, String model, int version) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            ModelEntity m = model(ref, model);
            return view(m, version(m, version));
        });
    }

    public InputStream artifact(String project, String model, int version) throws IOException {
        ModelVersionView v = version(project, model, version);
        return blobs.open(v.artifactSha256());
    }

    /** Opens a version's artifact for serving (the caller authorised the project). */
    @Override
    public InputStream artifact(ModelVersionView v) throws IOException {
        return blobs.open(v.artifactSha256());
    }

    public Comparison compare(String project, String model, List<Integer> versions) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> {
            ModelEntity m = model(ref, model);
            List<VersionLine> lines = new ArrayList<>();
            for (int n : versions) {
                lines.add(line(version(m, n)));
            }
            return new Comparison(m.name, lines);
        });
    }

    /** Sets a version's stage; moving one version to production archives the version that was there. */
    public ModelVersionView setStage(String project, String model, int version, Stage stage) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity m = model(ref, model);
            ModelVersionEntity v = version(m, version);
            if (stage == Stage.PRODUCTION) {
                for (ModelVersionEntity other : models.versions(m.id)) {
                    if (other.version != version && Stage.PRODUCTION.name().equals(other.stage)) {
                        other.stage = Stage.ARCHIVED.name();
                    }
                }
            }
            v.stage = stage.name();
            Log.infof("model %s/%s version %d moved to stage %s", ref.name(), model, version, stage.wire());
            return view(m, v);
        });
    }

    /** Points an alias (e.g. {@code champion}) at a version, moving it from wherever it pointed. */
    public ModelDetail setAlias(String project, String model, String alias, int version) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        QuarkusTransaction.requiringNew().run(() -> {
            ModelEntity m = model(ref, model);
            version(m, version);
            ModelAliasEntity a = models.alias(m.id, alias).orElseGet(() -> {
                ModelAliasEntity created = new ModelAliasEntity();
                created.modelId = m.id;
                created.alias = alias;
                models.persist(created);
                return created;
            });
            a.version = version;
        });
        return get(project, model);
    }

    public ModelDetail removeAlias(String project, String model, String alias) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        QuarkusTransaction.requiringNew().run(() -> {
            ModelEntity m = model(ref, model);
            models.remove(models.alias(m.id, alias).orElseThrow(() -> ProblemException.notFound(
                    "model '" + model + "' has no alias '" + alias + "'")));
        });
        return get(project, model);
    }

    public ProjectRef authorizeRead(String project) {
        return projects.authorize(project, Action.READ);
    }

    /** Resolves a version number or an alias name. */
    public int resolve(ProjectRef ref, String model, String versionOrAlias) {
        if (versionOrAlias.chars().allMatch(Character::isDigit) && !versionOrAlias.isEmpty()) {
            return Integer.parseInt(versionOrAlias);
        }
        return QuarkusTransaction.joiningExisting().call(() -> models.alias(model(ref, model).id, versionOrAlias)
                .map(a -> a.version).orElseThrow(() -> ProblemException.notFound(
                        "model '" + model + "' has no alias '" + versionOrAlias + "'")));
    }

    private ModelEntity model(ProjectRef ref, String name) {
        return models.model(ref.id(), name).orElseThrow(() -> ProblemException.notFound(
                "model '" + name + "' not found in project '" + ref.name() + "'"));
    }

    private ModelVersionEntity version(ModelEntity m, int version) {
        return models.version(m.id, version).orElseThrow(() -> ProblemException.notFound(
                "version " + version + " of model '" + m.name + "' not found"));
    }

    private Map<String, Integer> aliases(long modelId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        models.aliases(modelId).forEach(a -> out.put(a.alias, a.version));
        return out;
    }

    private VersionLine line(ModelVersionEntity v) {
        return new VersionLine(v.version, Algorithm.valueOf(v.algorithm), Stage.valueOf(v.stage),
                read(v.metricsJson, MAP), new DatasetRef(v.dataset, v.datasetVersion, v.datasetSha256), v.createdAt);
    }

    private ModelVersionView view(ModelEntity m, ModelVersionEntity v) {
        List<String> aliases = models.aliases(m.id).stream().filter(a -> a.version == v.version).map(a -> a.alias)
                .toList();
        try {
            return new ModelVersionView(m.name, v.version, Task.valueOf(v.task), Algorithm.valueOf(v.algorithm),
                    read(v.metricsJson, MAP), read(v.featuresJson, FEATURES), v.target,
                    new DatasetRef(v.dataset, v.datasetVersion, v.datasetSha256), read(v.hyperparametersJson, MAP),
                    v.seed, mapper.readTree(v.provenanceJson), v.artifactSha256, v.artifactBytes,
                    Stage.valueOf(v.stage), aliases, v.trainingJob, v.createdAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored provenance of " + m.name + " v" + v.version + " is unreadable", e);
        }
    }

    /** Parses {@code ?versions=1,2} into numbers, naming the parameter when it is wrong. */
    public static List<Integer> parseVersions(String versions) {
        if (versions == null || versions.isBlank()) {
            throw ProblemException.invalid("versions", "give version numbers, e.g. 1,2");
        }
        List<Integer> out = new ArrayList<>();
        for (String part : versions.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("versions", "'" + part.trim()
                        + "' is not a version number");
            }
        }
        if (out.size() > 20) {
            throw ProblemException.invalid("versions", "compare at most 20 versions");
        }
        return out;
    }

    private String json(Object o) {
        try {
            return mapper.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
