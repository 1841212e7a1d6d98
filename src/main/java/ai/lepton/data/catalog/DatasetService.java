package ai.lepton.data.catalog;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.data.api.DatasetSummary;
import ai.lepton.data.api.DatasetVersionCreated;
import ai.lepton.data.api.DatasetView;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.Rejected;
import ai.lepton.data.api.RejectedCell;
import ai.lepton.data.api.RowsPage;
import ai.lepton.data.api.SourceFormat;
import ai.lepton.data.api.VersionProfile;
import ai.lepton.data.api.VersionSummary;
import ai.lepton.data.api.VersionView;
import ai.lepton.data.blob.BlobStore;
import ai.lepton.data.config.DataConfig;
import ai.lepton.data.ingest.CanonicalCsv;
import ai.lepton.data.ingest.IngestException;
import ai.lepton.data.ingest.IngestOptions;
import ai.lepton.data.ingest.IngestPipeline;
import ai.lepton.data.ingest.IngestResult;
import ai.lepton.data.ingest.IngestSettings;
import ai.lepton.data.store.DatasetEntity;
import ai.lepton.data.store.DatasetRepository;
import ai.lepton.data.store.DatasetVersionEntity;
import ai.lepton.data.store.DatasetVersionRepository;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.InstallationSettings;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Datasets and their versions. An upload is cleaned by the {@link IngestPipeline} outside any transaction (it may take
 * minutes), then one short transaction stores the version and its {@link DatasetVersionCreated} event; the blob is in
 * place before that commit, so a committed version always has its content.
 */
@ApplicationScoped
public class DatasetService implements DatasetCatalog {

    private static final String ROW_INDEX = "rowidx";
    private static final TypeReference<List<ColumnSchema>> COLUMNS = new TypeReference<>() {
    };
    private static final TypeReference<List<ColumnProfile>> PROFILE = new TypeReference<>() {
    };
    private static final TypeReference<List<RejectedCell>> REJECTED = new TypeReference<>() {
    };

    /** The result of an upload: the version, and whether it is new (201) or the same content already stored (200). */
    public record Upload(VersionView version, boolean created) {
    }

    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final Projects projects;
    private final CurrentPrincipal principal;
    private final Outbox outbox;
    private final BlobStore blobs;
    private final DataConfig config;
    private final Path workDir;
    private final InstallationSettings settings;
    private final ObjectMapper mapper;
    private final Counter rowsIngested;
    private final Counter uploadsRefused;

    public DatasetService(DatasetRepository datasets, DatasetVersionRepository versions, Projects projects,
            CurrentPrincipal principal, Outbox outbox, BlobStore blobs, DataConfig config,
            @Named("ingest-work-dir") Path workDir, InstallationSettings settings, ObjectMapper mapper,
            MeterRegistry registry) {
        this.datasets = datasets;
        this.versions = versions;
        this.projects = projects;
        this.principal = principal;
        this.outbox = outbox;
        this.blobs = blobs;
        this.config = config;
        this.workDir = workDir;
        this.settings = settings;
        this.mapper = mapper;
        this.rowsIngested = registry.counter("lepton.data.rows.ingested");
        this.uploadsRefused = registry.counter("lepton.data.uploads.refused");
    }

    public DatasetView create(String project, String name, String description) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        String by = principal.get().keyName();
        DatasetEntity e = QuarkusTransaction.requiringNew().call(() -> {
            if (datasets.find(ref.id(), name).isPresent()) {
                throw ProblemException.conflict("a dataset named '" + name + "' already exists in project '"
                        + project + "'");
            }
            DatasetEntity d = new DatasetEntity();
            d.projectId = ref.id();
            d.name = name;
            d.description = description;
            d.createdAt = Instant.now();
            d.createdBy = by;
            datasets.persist(d);
            return d;
        });
        Log.infof("dataset '%s' created in project '%s' by '%s'", name, project, by);
        return new DatasetView(e.name, e.description, e.createdAt, e.createdBy, List.of());
    }

    public Page<DatasetSummary> list(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(
                datasets.list(ref.id(), page.offset(), page.limit()).stream().map(d -> new DatasetSummary(d.name,
                        d.description, d.createdAt, versions.countFor(d.id),
                        versions.latest(d.id).map(v -> v.number).orElse(null))).toList(),
                page.offset(), page.limit(), datasets.countFor(ref.id())));
    }

    public DatasetView get(String project, String dataset) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> {
            DatasetEntity d = dataset(ref, dataset);
            return new DatasetView(d.name, d.description, d.createdAt, d.createdBy,
                    versions.all(d.id).stream().map(this::summary).toList());
        });
    }

    /**
     * Streams an upload into a new version.
     *
     * @param contentLength the declared body length, or -1 when the body is chunked
     */
    public Upload upload(String project, String dataset, SourceFormat format, InputStream body, long contentLength,
            ErrorPolicy onError, PiiPolicy pii, String source) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        String by = principal.get().keyName();
        long dsId = QuarkusTransaction.joiningExisting().call(() -> dataset(ref, dataset).id);
        long max = config.maxUploadSize().asLongValue();
        if (contentLength > max) {
            uploadsRefused.increment();
            throw ProblemException.payloadTooLarge("the upload is " + contentLength + " bytes; the limit is " + max
                    + " bytes (lepton.data.max-upload-size)");
        }
        IngestSettings ingest = new IngestSettings(workDir, max, config.typeThreshold(), config.rejectedSampleSize(),
                config.maxCategories(), config.maxColumns(), config.maxCellChars(), config.rowIndexInterval());
        byte[] key = pii == PiiPolicy.HASH ? DataBeans.piiHashKey(settings) : new byte[0];
        long started = System.nanoTime();
        Log.infof("ingest of %s into %s/%s started (onError=%s, pii=%s)", format.mediaType(), project, dataset,
                onError.wire(), pii.wire());
        IngestResult result;
        try {
            result = new IngestPipeline(ingest).run(body, format, new IngestOptions(onError, pii, key));
        } catch (IngestException e) {
            uploadsRefused.increment();
            Log.infof("ingest into %s/%s refused: %s", project, dataset, e.getMessage());
            throw problem(e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the upload failed", e);
        }
        try {
            String recordedSource = source == null || source.isBlank() ? "upload:" + format.mediaType() : source.trim();
            Upload upload = store(ref, dsId, dataset, result, format, onError, pii, recordedSource, by);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (upload.created()) {
                rowsIngested.increment(result.rows());
                Log.infof("ingest into %s/%s finished: version %d, %d rows (%d read, %d duplicates removed, %d "
                        + "rejected) in %.2f s (%.0f rows/s), sha256 %s", project, dataset,
                        upload.version().number(), result.rows(), result.recordsRead(), result.duplicatesRemoved(),
                        result.rejectedCount(), seconds, result.recordsRead() / Math.max(seconds, 1e-9),
                        result.sha256());
            } else {
                Log.infof("ingest into %s/%s finished: identical to version %d (sha256 %s), nothing new stored",
                        project, dataset, upload.version().number(), result.sha256());
            }
            return upload;
        } finally {
            try {
                Files.deleteIfExists(result.canonicalFile());
            } catch (IOException e) {
                Log.warnf("could not delete temporary file %s: %s", result.canonicalFile(), e.getMessage());
            }
        }
    }

    private Upload store(ProjectRef ref, long dsId, String dataset, IngestResult r, SourceFormat format,
            ErrorPolicy onError, PiiPolicy pii, String source, String by) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // the row lock serialises uploads to one dataset, so version numbers are dense and content unique
            DatasetEntity d = datasets.findByIdForUpdate(dsId).orElseThrow();
            var existing = versions.findBySha(d.id, r.sha256());
            if (existing.isPresent()) {
                return new Upload(view(d.name, existing.get()), false);
            }
            blobs.put(r.canonicalFile(), r.sha256());
            blobs.putSidecar(r.sha256(), ROW_INDEX, encode(r.rowIndex()));
            Integer parent = versions.latest(d.id).map(v -> v.number).orElse(null);
            DatasetVersionEntity v = new DatasetVersionEntity();
            v.datasetId = d.id;
            v.number = parent == null ? 1 : parent + 1;
            v.sha256 = r.sha256();
            v.rowCount = r.rows();
            v.columnsJson = json(r.columns());
            v.profileJson = json(r.profile());
            v.duplicatesRemoved = r.duplicatesRemoved();
            v.rejectedCount = r.rejectedCount();
            v.rejectedJson = json(r.rejectedSample());
            v.parentNumber = parent;
            v.source = source.length() > 500 ? source.substring(0, 500) : source;
            v.format = format.name();
            v.onError = onError.name();
            v.pii = pii.name();
            v.bytesRead = r.bytesRead();
            v.canonicalBytes = r.canonicalBytes();
            v.rowIndexInterval = config.rowIndexInterval();
            v.createdAt = Instant.now();
            v.createdBy = by;
            versions.persist(v);
            outbox.publish(new DatasetVersionCreated(UUID.randomUUID(), v.createdAt, ref.name(), d.name, v.number,
                    v.sha256, v.rowCount, v.parentNumber, v.source));
            return new Upload(view(d.name, v), true);
        });
    }

    @Override
    public VersionView version(String project, String dataset, int number) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> view(dataset, versionEntity(ref, dataset, number)));
    }

    @Override
    public InputStream openContent(String project, String dataset, int number) throws IOException {
        ProjectRef ref = projects.authorize(project, Action.READ);
        String sha = QuarkusTransaction.joiningExisting().call(() -> versionEntity(ref, dataset, number).sha256);
        return blobs.open(sha);
    }

    @Override
    public VersionView version(ProjectRef ref, String dataset, int number) {
        return QuarkusTransaction.joiningExisting().call(() -> view(dataset, versionEntity(ref, dataset, number)));
    }

    @Override
    public java.util.OptionalInt latestVersion(ProjectRef ref, String dataset) {
        return QuarkusTransaction.joiningExisting().call(() -> versions.latest(dataset(ref, dataset).id)
                .map(v -> java.util.OptionalInt.of(v.number)).orElse(java.util.OptionalInt.empty()));
    }

    @Override
    public ai.lepton.data.api.RowStream rows(ProjectRef ref, String dataset, int number) throws IOException {
        DatasetVersionEntity v = QuarkusTransaction.joiningExisting().call(() -> versionEntity(ref, dataset, number));
        return CanonicalCsv.stream(blobs.path(v.sha256), read(v.columnsJson, COLUMNS));
    }

    public RowsPage rows(String project, String dataset, int number, PageRequest page) {
        return rows(projects.authorize(project, Action.READ), dataset, number, page);
    }

    @Override
    public int maxRowsPerPage() {
        return config.maxRowsPerPage();
    }

    @Override
    public RowsPage rows(ProjectRef ref, String dataset, int number, PageRequest page) {
        DatasetVersionEntity v = QuarkusTransaction.joiningExisting().call(() -> versionEntity(ref, dataset, number));
        List<ColumnSchema> columns = read(v.columnsJson, COLUMNS);
        List<Map<String, Object>> rows;
        if (page.offset() >= v.rowCount) {
            rows = List.of();
        } else {
            try {
                long[] index = decode(blobs.readSidecar(v.sha256, ROW_INDEX));
                rows = CanonicalCsv.readRows(blobs.path(v.sha256), columns, index, v.rowIndexInterval, page.offset(),
                        page.limit());
            } catch (IOException e) {
                throw new UncheckedIOException("reading version " + number + " of " + dataset + " failed", e);
            }
        }
        return new RowsPage(page.offset(), page.limit(), v.rowCount,
                columns.stream().map(ColumnSchema::name).toList(), rows);
    }

    public VersionProfile profile(String project, String dataset, int number) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        DatasetVersionEntity v = QuarkusTransaction.joiningExisting().call(() -> versionEntity(ref, dataset, number));
        return new VersionProfile(dataset, v.number, v.rowCount, read(v.profileJson, PROFILE));
    }

    /** Datasets of a project, for GraphQL (authorised by the caller of the project field). */
    public List<DatasetView> all(String project) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> datasets.list(ref.id(), 0, Integer.MAX_VALUE).stream()
                .map(d -> new DatasetView(d.name, d.description, d.createdAt, d.createdBy,
                        versions.all(d.id).stream().map(this::summary).toList()))
                .toList());
    }

    private DatasetEntity dataset(ProjectRef ref, String name) {
        return datasets.find(ref.id(), name).orElseThrow(() -> ProblemException.notFound(
                "dataset '" + name + "' not found in project '" + ref.name() + "'"));
    }

    private DatasetVersionEntity versionEntity(ProjectRef ref, String dataset, int number) {
        DatasetEntity d = dataset(ref, dataset);
        return versions.find(d.id, number).orElseThrow(() -> ProblemException.notFound(
                "version " + number + " of dataset '" + dataset + "' not found"));
    }

    private VersionSummary summary(DatasetVersionEntity v) {
        return new VersionSummary(v.number, v.sha256, v.rowCount, read(v.columnsJson, COLUMNS), v.duplicatesRemoved,
                v.rejectedCount, v.parentNumber, v.source, v.createdAt);
    }

    private VersionView view(String dataset, DatasetVersionEntity v) {
        return new VersionView(dataset, v.number, v.sha256, v.rowCount, read(v.columnsJson, COLUMNS),
                v.duplicatesRemoved, new Rejected(v.rejectedCount, read(v.rejectedJson, REJECTED)), v.parentNumber,
                v.source, SourceFormat.valueOf(v.format), ErrorPolicy.valueOf(v.onError), PiiPolicy.valueOf(v.pii),
                v.canonicalBytes, v.createdAt, v.createdBy);
    }

    static ProblemException problem(IngestException e) {
        ProblemException p = switch (e.kind()) {
            case TOO_LARGE -> ProblemException.payloadTooLarge(e.getMessage());
            case BAD_CELL -> new ProblemException(400, "bad-cell", "A cell does not fit its column", e.getMessage());
            case EMPTY -> new ProblemException(400, "empty-upload", "Empty upload", e.getMessage());
            case MALFORMED -> new ProblemException(400, "malformed-upload", "Malformed upload", e.getMessage());
        };
        if (e.line() > 0) {
            p.with("line", e.line());
        }
        if (e.column() != null) {
            p.with("column", e.column());
        }
        return p;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
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

    static byte[] encode(long[] index) {
        ByteBuffer b = ByteBuffer.allocate(index.length * Long.BYTES);
        for (long l : index) {
            b.putLong(l);
        }
        return b.array();
    }

    static long[] decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long[] index = new long[bytes.length / Long.BYTES];
        for (int i = 0; i < index.length; i++) {
            index[i] = b.getLong();
        }
        return index;
    }
}
