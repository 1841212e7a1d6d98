package ai.lepton.data.web;

import ai.lepton.data.api.DatasetSummary;
import ai.lepton.data.api.DatasetView;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.RowsPage;
import ai.lepton.data.api.SourceFormat;
import ai.lepton.data.api.VersionProfile;
import ai.lepton.data.api.VersionView;
import ai.lepton.data.catalog.DatasetService;
import ai.lepton.data.config.DataConfig;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.Slug;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/datasets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "datasets")
public class DatasetResource {

    /**
     * A new dataset.
     *
     * @param name URL slug, unique in the project
     * @param description optional free text
     */
    public record CreateDataset(
            @NotNull @Pattern(regexp = Slug.REGEX, message = Slug.MESSAGE) String name,
            @Size(max = 2000) String description) {
    }

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String NDJSON = "application/x-ndjson";
    static final String VERSION_EXAMPLE = """
            {"dataset":"sales","number":1,"sha256":"9f2c...e1","rows":3,"columns":[{"name":"id","type":"integer","tags":[]},\
            {"name":"email","type":"text","tags":["pii","email"]},{"name":"amount","type":"decimal","tags":[]}],\
            "duplicatesRemoved":1,"rejected":{"count":1,"sample":[{"row":4,"line":5,"column":"amount","value":"n/a!",\
            "reason":"not a decimal"}]},"parent":null,"source":"crm-export","format":"csv","onError":"null-cell",\
            "pii":"keep","bytes":97,"createdAt":"2026-11-28T09:05:00Z","createdBy":"ci"}""";
    static final String MALFORMED_EXAMPLE = """
            {"type":"https://lepton.ai/problems/malformed-upload","title":"Malformed upload","status":400,\
            "detail":"line 7: unbalanced quote: the field that starts on line 7 is never closed",\
            "instance":"/api/projects/demo/datasets/sales/versions","line":7}""";

    private final DatasetService datasets;
    private final DataConfig config;

    public DatasetResource(DatasetService datasets, DataConfig config) {
        this.datasets = datasets;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a dataset", description = "Operator or admin keys. Versions are uploaded separately.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "sales",
            value = "{\"name\":\"sales\",\"description\":\"Daily sales export from the CRM\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "created", value = "{\"name\":\"sales\",\"description\":\"Daily sales export "
                    + "from the CRM\",\"createdAt\":\"2026-11-28T09:00:00Z\",\"createdBy\":\"ci\",\"versions\":[]}")))
    @APIResponse(responseCode = "409", description = "Name taken in this project")
    public Response create(@PathParam("project") String project, @NotNull @Valid CreateDataset request) {
        DatasetView view = datasets.create(project, request.name(), request.description());
        return Response.created(URI.create("/api/projects/" + project + "/datasets/" + view.name())).entity(view).build();
    }

    @GET
    @Operation(summary = "List datasets")
    @APIResponse(responseCode = "200", description = "A page of datasets", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "datasets", value = "{\"items\":[{\"name\":\"sales\",\"description\":\"CRM export\","
                    + "\"createdAt\":\"2026-11-28T09:00:00Z\",\"versionCount\":2,\"latestVersion\":2}],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<DatasetSummary> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return datasets.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{dataset}")
    @Operation(summary = "Get a dataset with its versions and lineage",
            description = "Each version names its parent (the version it was derived from) and its source.")
    @APIResponse(responseCode = "200", description = "The dataset", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "dataset", value = "{\"name\":\"sales\",\"description\":\"CRM export\","
                    + "\"createdAt\":\"2026-11-28T09:00:00Z\",\"createdBy\":\"ci\",\"versions\":[{\"number\":1,\"sha256\":\"9f2c...e1\","
                    + "\"rows\":3,\"columns\":[{\"name\":\"id\",\"type\":\"integer\",\"tags\":[]}],\"duplicatesRemoved\":1,"
                    + "\"rejectedCount\":0,\"parent\":null,\"source\":\"crm-export\",\"createdAt\":\"2026-11-28T09:05:00Z\"},"
                    + "{\"number\":2,\"sha256\":\"41d0...7a\",\"rows\":4,\"columns\":[{\"name\":\"id\",\"type\":\"integer\",\"tags\":[]}],"
                    + "\"duplicatesRemoved\":0,\"rejectedCount\":0,\"parent\":1,\"source\":\"crm-export-2\","
                    + "\"createdAt\":\"2026-11-28T10:05:00Z\"}]}")))
    public DatasetView get(@PathParam("project") String project, @PathParam("dataset") String dataset) {
        return datasets.get(project, dataset);
    }

    @POST
    @Path("{dataset}/versions")
    @Consumes({"text/csv", NDJSON})
    @Operation(summary = "Upload a new version",
            description = "The body (text/csv with a header line, or application/x-ndjson with one JSON object per "
                    + "line, UTF-8) is streamed, cleaned (trim, null spellings, type inference and coercion), "
                    + "de-duplicated and classified (personal data tags), then stored as an immutable version named by "
                    + "the SHA-256 of its canonical content. The same content uploaded again returns the existing "
                    + "version with 200. Malformed input gives 400 with the line number and stores nothing; a body over "
                    + "lepton.data.max-upload-size (1 GiB by default) gives 413.")
    @RequestBody(content = {
        @Content(mediaType = "text/csv", examples = @ExampleObject(name = "csv",
                value = "id,email,amount\n1,ana@example.com,10.50\n2,bo@example.com,7\n2,bo@example.com,7.00\n")),
        @Content(mediaType = NDJSON, examples = @ExampleObject(name = "ndjson",
                value = "{\"id\":1,\"email\":\"ana@example.com\",\"amount\":10.5}\n{\"id\":2,\"email\":\"bo@example.com\",\"amount\":7}\n"))
    })
    @APIResponse(responseCode = "201", description = "New version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Identical content already stored: the existing version")
    @APIResponse(responseCode = "400", description = "Malformed input, or a bad cell with onError=fail",
            content = @Content(mediaType = PROBLEM_MEDIA_TYPE, examples = @ExampleObject(name = "malformed", value = MALFORMED_EXAMPLE)))
    @APIResponse(responseCode = "413", description = "Body larger than the upload limit")
    @APIResponse(responseCode = "415", description = "Neither text/csv nor application/x-ndjson, or not UTF-8")
    public Response upload(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @Parameter(description = "null-cell (default), drop-row or fail") @QueryParam("onError") String onError,
            @Parameter(description = "keep (default), mask or hash") @QueryParam("pii") String pii,
            @Parameter(description = "where the data came from, recorded as lineage") @QueryParam("source") String source,
            @HeaderParam("Content-Length") Long contentLength, @Context HttpHeaders headers, InputStream body) {
        MediaType type = headers.getMediaType();
        SourceFormat format = type != null && type.isCompatible(MediaType.valueOf(NDJSON)) ? SourceFormat.NDJSON
                : SourceFormat.CSV;
        String charset = type == null ? null : type.getParameters().get("charset");
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            throw ProblemException.unsupportedMediaType("uploads must be UTF-8, not " + charset);
        }
        ErrorPolicy policy;
        PiiPolicy piiPolicy;
        try {
            policy = ErrorPolicy.parse(onError);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("onError", e.getMessage());
        }
        try {
            piiPolicy = PiiPolicy.parse(pii);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("pii", e.getMessage());
        }
        if (source != null && source.length() > 500) {
            throw ProblemException.invalid("source", "must be at most 500 characters");
        }
        DatasetService.Upload upload = datasets.upload(project, dataset, format, body,
                contentLength == null ? -1 : contentLength, policy, piiPolicy, source);
        VersionView v = upload.version();
        URI location = URI.create("/api/projects/" + project + "/datasets/" + dataset + "/versions/" + v.number());
        return upload.created() ? Response.created(location).entity(v).build()
                : Response.ok(v).location(location).build();
    }

    @GET
    @Path("{dataset}/versions/{number}")
    @Operation(summary = "Get a version", description = "Schema, counts, rejected cells and lineage of one version.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    public VersionView version(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @PathParam("number") int number) {
        return datasets.version(project, dataset, number);
    }

    @GET
    @Path("{dataset}/versions/{number}/rows")
    @Operation(summary = "Page through a version's rows", description = "Typed values; limit at most 1000.")
    @APIResponse(responseCode = "200", description = "A page of rows", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "rows", value = "{\"offset\":0,\"limit\":2,\"total\":3,\"columns\":[\"id\","
                    + "\"email\",\"amount\"],\"rows\":[{\"id\":1,\"email\":\"ana@example.com\",\"amount\":10.5},"
                    + "{\"id\":2,\"email\":\"bo@example.com\",\"amount\":7}]}")))
    public RowsPage rows(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @PathParam("number") int number, @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return datasets.rows(project, dataset, number, PageRequest.of(offset, limit, config.maxRowsPerPage()));
    }

    @GET
    @Path("{dataset}/versions/{number}/profile")
    @Operation(summary = "Column statistics of a version",
            description = "Per column: count, nulls, distinct estimate, min/max/mean/stddev for numbers, earliest/latest "
                    + "for timestamps, top 10 values for categories.")
    @APIResponse(responseCode = "200", description = "The profile", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "profile", value = "{\"dataset\":\"sales\",\"version\":1,\"rows\":3,\"columns\":"
                    + "[{\"name\":\"amount\",\"type\":\"decimal\",\"count\":3,\"nulls\":0,\"distinct\":2,\"min\":7.0,"
                    + "\"max\":10.5,\"mean\":8.17,\"stddev\":1.65,\"earliest\":null,\"latest\":null,\"top\":[]}]}")))
    public VersionProfile profile(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @PathParam("number") int number) {
        return datasets.profile(project, dataset, number);
    }

    @GET
    @Path("{dataset}/versions/{number}/content")
    @Produces("text/csv")
    @Operation(summary = "Download a version's canonical content",
            description = "UTF-8 CSV with a header line; exactly the bytes its sha256 was computed over.")
    @APIResponse(responseCode = "200", description = "The canonical CSV", content = @Content(mediaType = "text/csv",
            examples = @ExampleObject(name = "csv", value = "id,email,amount\n1,ana@example.com,10.5\n2,bo@example.com,7\n")))
    public Response content(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @PathParam("number") int number) throws java.io.IOException {
        VersionView v = datasets.version(project, dataset, number);
        InputStream in = datasets.openContent(project, dataset, number);
        StreamingOutput out = os -> {
            try (in) {
                in.transferTo(os);
            }
        };
        return Response.ok(out, "text/csv; charset=utf-8").header("ETag", "\"" + v.sha256() + "\"")
                .header("Content-Length", v.bytes()).build();
    }
}
