package ai.lepton.ml.web;

import ai.lepton.ml.api.ModelVersionView;
import ai.lepton.ml.api.Stage;
import ai.lepton.ml.registry.ModelRegistryService;
import ai.lepton.ml.registry.ModelRegistryService.Comparison;
import ai.lepton.ml.registry.ModelRegistryService.ModelDetail;
import ai.lepton.ml.registry.ModelRegistryService.ModelSummary;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.Slug;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "models")
public class ModelResource {

    /** A stage change. */
    public record StageChange(@NotNull String stage) {
    }

    /** An alias target. */
    public record AliasTarget(@NotNull Integer version) {
    }

    static final String VERSION_EXAMPLE = """
            {"model":"churn-clf","version":1,"task":"classification","algorithm":"logistic-regression",\
            "metrics":{"rows":200,"accuracy":0.97,"macroF1":0.97,"perClass":{"no":{"precision":0.98,"recall":0.96,\
            "f1":0.97,"support":100},"yes":{"precision":0.96,"recall":0.98,"f1":0.97,"support":100}},\
            "confusionMatrix":{"labels":["no","yes"],"rowsAreTruth":[[96,4],[2,98]]}},\
            "features":[{"name":"tenure","kind":"numeric","type":"integer","categories":[]},\
            {"name":"plan","kind":"categorical","type":"categorical","categories":["basic","pro"]}],"target":"churned",\
            "dataset":{"name":"customers","version":3,"sha256":"9f2c...e1"},"hyperparameters":{"epochs":10,\
            "learningRate":1.0,"minibatchSize":1},"seed":42,"provenance":{"...":"Tribuo provenance"},\
            "artifactSha256":"41d0...7a","artifactBytes":2048,"stage":"none","aliases":["champion"],\
            "trainingJob":"6b1f6f8e-2d0c-4a8e-9a43-0d0c7c9f1b2a","createdAt":"2026-11-28T09:02:00Z"}""";
    static final String DETAIL_EXAMPLE = """
            {"name":"churn-clf","aliases":{"champion":1},"versions":[{"version":1,"algorithm":"logistic-regression",\
            "stage":"production","metrics":{"accuracy":0.97},"dataset":{"name":"customers","version":3,"sha256":"9f2c...e1"},\
            "createdAt":"2026-11-28T09:02:00Z"}]}""";

    private final ModelRegistryService registry;

    public ModelResource(ModelRegistryService registry) {
        this.registry = registry;
    }

    @GET
    @Operation(summary = "List models")
    @APIResponse(responseCode = "200", description = "A page of models", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "models", value = "{\"items\":[{\"name\":\"churn-clf\",\"versions\":2,"
                    + "\"latestVersion\":2,\"aliases\":{\"champion\":1},\"createdAt\":\"2026-11-28T09:02:00Z\"}],"
                    + "\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<ModelSummary> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return registry.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{model}")
    @Operation(summary = "Get a model with its versions")
    @APIResponse(responseCode = "200", description = "The model", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "model", value = DETAIL_EXAMPLE)))
    public ModelDetail get(@PathParam("project") String project, @PathParam("model") String model) {
        return registry.get(project, model);
    }

    @GET
    @Path("{model}/versions/{version}")
    @Operation(summary = "Get a model version", description = "Test metrics, feature schema, lineage (dataset version "
            + "and SHA-256), hyperparameters and seed, Tribuo provenance, artifact digest, stage and aliases. "
            + "{version} may also be an alias such as champion.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    public ModelVersionView version(@PathParam("project") String project, @PathParam("model") String model,
            @PathParam("version") String version) {
        return registry.version(project, model, number(project, model, version));
    }

    @GET
    @Path("{model}/versions/{version}/artifact")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "Download a model version's artifact", description = "The model in Tribuo's protobuf format "
            + "(load it with org.tribuo.Model.deserializeFromFile); its SHA-256 is the version's artifactSha256.")
    @APIResponse(responseCode = "200", description = "The Tribuo protobuf model", content = @Content(
            mediaType = MediaType.APPLICATION_OCTET_STREAM, examples = @ExampleObject(name = "bytes", value = "(binary)")))
    public Response artifact(@PathParam("project") String project, @PathParam("model") String model,
            @PathParam("version") String version) throws IOException {
        int n = number(project, model, version);
        ModelVersionView v = registry.version(project, model, n);
        InputStream in = registry.artifact(project, model, n);
        StreamingOutput out = os -> {
            try (in) {
                in.transferTo(os);
            }
        };
        return Response.ok(out, MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", "attachment; filename=\"" + model + "-v" + n + ".tribuo\"")
                .header("ETag", "\"" + v.artifactSha256() + "\"")
                .header("Content-Length", v.artifactBytes()).build();
    }

    @GET
    @Path("{model}/compare")
    @Operation(summary = "Compare versions", description = "Metrics side by side, e.g. ?versions=1,2.")
    @APIResponse(responseCode = "200", description = "The versions' metrics", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "comparison", value = "{\"model\":\"churn-clf\",\"versions\":[{\"version\":1,"
                    + "\"algorithm\":\"logistic-regression\",\"stage\":\"production\",\"metrics\":{\"accuracy\":0.97},"
                    + "\"dataset\":{\"name\":\"customers\",\"version\":3,\"sha256\":\"9f2c...e1\"},\"createdAt\":"
                    + "\"2026-11-28T09:02:00Z\"},{\"version\":2,\"algorithm\":\"xgboost\",\"stage\":\"none\","
                    + "\"metrics\":{\"accuracy\":0.98},\"dataset\":{\"name\":\"customers\",\"version\":3,"
                    + "\"sha256\":\"9f2c...e1\"},\"createdAt\":\"2026-11-28T10:02:00Z\"}]}")))
    public Comparison compare(@PathParam("project") String project, @PathParam("model") String model,
            @QueryParam("versions") String versions) {
        return registry.compare(project, model, ModelRegistryService.parseVersions(versions));
    }

    @PUT
    @Path("{model}/versions/{version}/stage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a version to a stage", description = "none, staging, production or archived; moving a "
            + "version to production archives the version that was there.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "production",
            value = "{\"stage\":\"production\"}")))
    @APIResponse(responseCode = "200", description = "The version", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "version", value = VERSION_EXAMPLE)))
    public ModelVersionView stage(@PathParam("project") String project, @PathParam("model") String model,
            @PathParam("version") String version, @NotNull StageChange change) {
        Stage stage;
        try {
            stage = Stage.parse(change.stage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("stage", e.getMessage());
        }
        return registry.setStage(project, model, number(project, model, version), stage);
    }

    @PUT
    @Path("{model}/aliases/{alias}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Point an alias at a version", description = "e.g. champion; the alias moves if it existed.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "champion",
            value = "{\"version\":2}")))
    @APIResponse(responseCode = "200", description = "The model", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "model", value = DETAIL_EXAMPLE)))
    public ModelDetail alias(@PathParam("project") String project, @PathParam("model") String model,
            @PathParam("alias") String alias, @NotNull AliasTarget target) {
        if (!alias.matches(Slug.REGEX) || alias.chars().allMatch(Character::isDigit)) {
            throw ProblemException.invalid("alias", Slug.MESSAGE + ", and not a number");
        }
        if (target.version() == null) {
            throw ProblemException.invalid("version", "is required");
        }
        return registry.setAlias(project, model, alias, target.version());
    }

    @DELETE
    @Path("{model}/aliases/{alias}")
    @Operation(summary = "Remove an alias")
    @APIResponse(responseCode = "200", description = "The model", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "model", value = DETAIL_EXAMPLE)))
    public ModelDetail removeAlias(@PathParam("project") String project, @PathParam("model") String model,
            @PathParam("alias") String alias) {
        return registry.removeAlias(project, model, alias);
    }

    private int number(String project, String model, String versionOrAlias) {
        return registry.resolve(registry.authorizeRead(project), model, versionOrAlias);
    }
}
