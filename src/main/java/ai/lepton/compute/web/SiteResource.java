package ai.lepton.compute.web;

import ai.lepton.compute.api.SiteLatency;
import ai.lepton.compute.service.NodeService;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The site latency matrix the latency strategy scores with. */
@Path("/api/sites/latency")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
public class SiteResource {

    static final String MATRIX = "{\"sites\":{\"dc1\":{\"lab\":12.5,\"cloud-eu\":30.0},\"lab\":{\"dc1\":12.5},"
            + "\"cloud-eu\":{\"dc1\":30.0}}}";

    private final NodeService nodes;

    public SiteResource(NodeService nodes) {
        this.nodes = nodes;
    }

    @GET
    @Operation(summary = "Get the site latency matrix", description = "Round-trip times in ms, both directions.")
    @APIResponse(responseCode = "200", description = "The matrix", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "matrix", value = MATRIX)))
    public SiteLatency get() {
        return nodes.latency();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the site latency matrix", description = "Installation admin or operator keys only. "
            + "Symmetric: giving lab→dc1 sets dc1→lab. Used by workloads with strategy latency and a dataSourceSite.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "matrix",
            value = "{\"sites\":{\"lab\":{\"dc1\":12.5,\"cloud-eu\":40}}}")))
    @APIResponse(responseCode = "200", description = "The matrix as stored", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "matrix", value = MATRIX)))
    public SiteLatency put(@NotNull SiteLatency body) {
        return nodes.setLatency(body);
    }
}
