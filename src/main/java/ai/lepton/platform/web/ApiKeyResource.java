package ai.lepton.platform.web;

import ai.lepton.platform.api.ApiKeyView;
import ai.lepton.platform.api.CreatedApiKey;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.Role;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.tenancy.ApiKeyService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys")
public class ApiKeyResource {

    /**
     * A key to create.
     *
     * @param role admin, operator or viewer
     * @param name optional human name, e.g. the CI system that will hold it
     */
    public record CreateKey(@NotNull Role role, @Size(max = 100) String name) {
    }

    private static final String CREATED_EXAMPLE = "{\"key\":\"lep_7Qm2TzX0aLr9dVb3kP1sYw8cN4eH6uJ5gF0iKoAt\","
            + "\"details\":{\"id\":7,\"name\":\"dashboard\",\"role\":\"viewer\",\"project\":\"demo\","
            + "\"prefix\":\"lep_7Qm2Tz\",\"createdAt\":\"2026-11-28T09:00:00Z\",\"revokedAt\":null}}";

    private final ApiKeyService keys;
    private final PlatformConfig config;

    public ApiKeyResource(ApiKeyService keys, PlatformConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create a project key", description = "Needs an admin key of the project (or the installation). "
            + "The secret is in the response and never shown again.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "viewer", value = "{\"role\":\"viewer\",\"name\":\"dashboard\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "created", value = CREATED_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "Not an admin of the project", content = @Content(mediaType = Problems.MEDIA_TYPE,
            examples = @ExampleObject(name = "forbidden", value = ApiDocs.PROBLEM_403)))
    public Response createProjectKey(@PathParam("project") String project, @NotNull @Valid CreateKey request) {
        return Response.status(201).entity(keys.create(project, request.role(), request.name())).build();
    }

    @GET
    @Operation(summary = "List a project's keys", description = "Secrets are never listed, only their prefixes.")
    @APIResponse(responseCode = "200", description = "A page of keys", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "keys", value = ApiDocs.KEY_PAGE)))
    public Page<ApiKeyView> listProjectKeys(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return keys.list(project, PageRequest.of(offset, limit, config.paging().maxLimit()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a project key", description = "Takes effect at once in this process, within the key "
            + "cache TTL (30 s by default) in other replicas.")
    @APIResponse(responseCode = "200", description = "The revoked key", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "revoked", value = ApiDocs.KEY_REVOKED)))
    public ApiKeyView revokeProjectKey(@PathParam("project") String project, @PathParam("id") long id) {
        return keys.revoke(project, id);
    }
}
