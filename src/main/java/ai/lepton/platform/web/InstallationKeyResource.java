package ai.lepton.platform.web;

import ai.lepton.platform.api.ApiKeyView;
import ai.lepton.platform.api.CreatedApiKey;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.tenancy.ApiKeyService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

/** Installation-wide keys (not tied to a project); installation admins only. */
@Path("/api/keys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "keys")
public class InstallationKeyResource {

    private final ApiKeyService keys;
    private final PlatformConfig config;

    public InstallationKeyResource(ApiKeyService keys, PlatformConfig config) {
        this.keys = keys;
        this.config = config;
    }

    @POST
    @Operation(summary = "Create an installation key", description = "Installation admin keys only; installation keys "
            + "are not tied to a project.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "admin", value = "{\"role\":\"admin\",\"name\":\"ops-team\"}")))
    @APIResponse(responseCode = "201", description = "Created")
    public Response createInstallationKey(@NotNull @Valid ApiKeyResource.CreateKey request) {
        CreatedApiKey created = keys.create(null, request.role(), request.name());
        return Response.status(201).entity(created).build();
    }

    @GET
    @Operation(summary = "List installation keys")
    @APIResponse(responseCode = "200", description = "A page of keys", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "keys", value = ApiDocs.KEY_PAGE)))
    public Page<ApiKeyView> listInstallationKeys(@QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return keys.list(null, PageRequest.of(offset, limit, config.paging().maxLimit()));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke an installation key")
    @APIResponse(responseCode = "200", description = "The revoked key", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "revoked", value = ApiDocs.KEY_REVOKED)))
    public ApiKeyView revokeInstallationKey(@PathParam("id") long id) {
        return keys.revoke(null, id);
    }
}
