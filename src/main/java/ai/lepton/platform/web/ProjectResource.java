package ai.lepton.platform.web;

import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectView;
import ai.lepton.platform.api.Slug;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.tenancy.ProjectService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "projects")
public class ProjectResource {

    /**
     * A new project.
     *
     * @param name URL slug, unique
     * @param description optional free text
     */
    public record CreateProject(
            @NotNull @Pattern(regexp = Slug.REGEX, message = Slug.MESSAGE) String name,
            @Size(max = 1000) String description) {
    }

    private final ProjectService projects;
    private final PlatformConfig config;

    public ProjectResource(ProjectService projects, PlatformConfig config) {
        this.projects = projects;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a project", description = "Installation admin keys only. Names are URL slugs, unique.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "demo",
            value = "{\"name\":\"demo\",\"description\":\"Churn models for the sales team\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created",
            value = "{\"name\":\"demo\",\"description\":\"Churn models for the sales team\",\"createdAt\":\"2026-11-28T09:00:00Z\"}")))
    @APIResponse(responseCode = "400", description = "Invalid name", content = @Content(mediaType = Problems.MEDIA_TYPE,
            examples = @ExampleObject(name = "invalid", value = ApiDocs.PROBLEM_400)))
    @APIResponse(responseCode = "409", description = "Name taken", content = @Content(mediaType = Problems.MEDIA_TYPE,
            examples = @ExampleObject(name = "taken", value = ApiDocs.PROBLEM_409)))
    public Response create(@NotNull @Valid CreateProject request) {
        ProjectView view = projects.create(request.name(), request.description());
        return Response.created(URI.create("/api/projects/" + view.name())).entity(view).build();
    }

    @GET
    @Operation(summary = "List projects", description = "An installation admin sees all projects; a project key sees its own.")
    @APIResponse(responseCode = "200", description = "A page of projects", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "page", value = "{\"items\":[{\"name\":\"demo\",\"description\":null,\"createdAt\":\"2026-11-28T09:00:00Z\"}],"
                    + "\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<ProjectView> list(@QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return projects.list(PageRequest.of(offset, limit, config.paging().maxLimit()));
    }

    @GET
    @Path("{project}")
    @Operation(summary = "Get a project")
    @APIResponse(responseCode = "200", description = "The project")
    @APIResponse(responseCode = "404", description = "Unknown or not visible to this key",
            content = @Content(mediaType = Problems.MEDIA_TYPE, examples = @ExampleObject(name = "missing", value = ApiDocs.PROBLEM_404)))
    public ProjectView get(@PathParam("project") String project) {
        return projects.get(project);
    }
}
