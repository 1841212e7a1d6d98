package ai.lepton.compute.web;

import ai.lepton.compute.api.DrainReport;
import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.service.NodeService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** Installation-wide nodes: any key reads them; installation admin or operator keys change them. */
@Path("/api/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
public class NodeResource {

    static final String NODE_SPEC = "{\"name\":\"edge-7\",\"kind\":\"edge\",\"region\":\"eu\",\"zone\":\"eu-1a\","
            + "\"site\":\"lab\",\"capacity\":{\"cpuMillis\":8000,\"memoryMiB\":16384,\"gpus\":1,\"gpuModel\":\"L4\"},"
            + "\"labels\":{\"tier\":\"edge\"},\"taints\":[{\"key\":\"dedicated\",\"value\":\"vision\",\"effect\":"
            + "\"NoSchedule\"}],\"costPerHour\":0.4,\"power\":{\"idleWatts\":40,\"maxWatts\":180}}";

    static final String NODE = "{\"name\":\"edge-7\",\"kind\":\"edge\",\"region\":\"eu\",\"zone\":\"eu-1a\","
            + "\"site\":\"lab\",\"capacity\":{\"cpuMillis\":8000,\"memoryMiB\":16384,\"gpus\":1,\"gpuModel\":\"L4\"},"
            + "\"allocatable\":{\"cpuMillis\":8000,\"memoryMiB\":16384,\"gpus\":1,\"gpuModel\":\"L4\"},"
            + "\"allocated\":{\"cpuMillis\":2000,\"memoryMiB\":4096,\"gpus\":1,\"gpuModel\":null},"
            + "\"labels\":{\"tier\":\"edge\"},\"taints\":[{\"key\":\"dedicated\",\"value\":\"vision\",\"effect\":"
            + "\"NoSchedule\"}],\"costPerHour\":0.4,\"power\":{\"idleWatts\":40,\"maxWatts\":180},\"state\":\"Ready\","
            + "\"replicas\":[{\"project\":\"vision\",\"workload\":\"detector\",\"replica\":0,\"node\":\"edge-7\"}]}";

    private final NodeService nodes;

    public NodeResource(NodeService nodes) {
        this.nodes = nodes;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a node", description = "Installation admin or operator keys only (project keys get "
            + "403). kind: cloud, datacenter or edge; taint effects: NoSchedule, PreferNoSchedule, NoExecute. "
            + "Pending replicas that now fit are placed at once.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "edge",
            value = NODE_SPEC)))
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "node", value = NODE)))
    public Response create(@NotNull NodeSpec spec) {
        NodeView v = nodes.create(spec);
        return Response.created(URI.create("/api/nodes/" + v.name())).entity(v).build();
    }

    @GET
    @Operation(summary = "List nodes", description = "Any valid key; by name.")
    @APIResponse(responseCode = "200", description = "A page of nodes", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "nodes", value = "{\"items\":["
                    + NODE + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<NodeView> list(@QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return nodes.list(PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get a node", description = "Capacity, allocatable, allocated, state and its replicas.")
    @APIResponse(responseCode = "200", description = "The node", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "node", value = NODE)))
    public NodeView get(@PathParam("name") String name) {
        return nodes.get(name);
    }

    @PATCH
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Update a node", description = "Installation admin or operator keys only. Any of labels, "
            + "taints, costPerHour, power, capacity and allocatable; fields left out keep their value (labels and "
            + "taints are replaced whole). name, kind, region, zone and site cannot change (400). Shrinking "
            + "allocatable resources below what the node's replicas are allocated is refused with 409 "
            + "capacity-below-allocated naming the resource; a new NoExecute taint evicts the replicas that do not "
            + "tolerate it, and they are placed elsewhere if they fit.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "retaint",
            value = "{\"labels\":{\"tier\":\"edge\",\"rack\":\"r2\"},\"taints\":[{\"key\":\"maintenance\","
                    + "\"effect\":\"NoExecute\"}],\"costPerHour\":0.35,\"capacity\":{\"cpuMillis\":16000,"
                    + "\"memoryMiB\":32768,\"gpus\":1,\"gpuModel\":\"L4\"}}")))
    @APIResponse(responseCode = "200", description = "The node as changed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "node", value = NODE)))
    @APIResponse(responseCode = "409", description = "Would shrink below what is allocated", content = @Content(
            mediaType = "application/problem+json", examples = @ExampleObject(name = "shrink", value = "{\"type\":"
                    + "\"https://lepton.ai/problems/capacity-below-allocated\",\"title\":\"Capacity below allocated"
                    + "\",\"status\":409,\"detail\":\"node 'edge-7' cannot shrink below what its replicas are "
                    + "allocated (capacity.cpuMillis); drain it or scale its workloads down first\",\"instance\":"
                    + "\"/api/nodes/edge-7\",\"errors\":[{\"field\":\"capacity.cpuMillis\",\"message\":\"1000 is "
                    + "below the 2000 allocated to the node's replicas\"}]}")))
    public NodeView update(@PathParam("name") String name, @NotNull NodeSpec patch) {
        return nodes.update(name, patch);
    }

    @POST
    @Path("{name}/cordon")
    @Operation(summary = "Cordon a node", description = "No new replicas; those running stay.")
    @APIResponse(responseCode = "200", description = "The node, Cordoned", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "node", value = NODE)))
    public NodeView cordon(@PathParam("name") String name) {
        return nodes.cordon(name);
    }

    @POST
    @Path("{name}/uncordon")
    @Operation(summary = "Uncordon a node", description = "Schedulable again; pending replicas that fit are placed.")
    @APIResponse(responseCode = "200", description = "The node, Ready", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "node", value = NODE)))
    public NodeView uncordon(@PathParam("name") String name) {
        return nodes.uncordon(name);
    }

    @POST
    @Path("{name}/drain")
    @Operation(summary = "Drain a node", description = "Evicts every replica and places each elsewhere, highest "
            + "priority first, preempting strictly lower-priority preemptible replicas where needed; what fits nowhere "
            + "stays pending. The node stays Draining until uncordoned or deleted.")
    @APIResponse(responseCode = "200", description = "What moved, what is pending, what else was evicted", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "drained", value =
                    "{\"node\":{\"name\":\"edge-7\",\"state\":\"Draining\",\"replicas\":[]},\"moved\":[{\"project\":"
                    + "\"vision\",\"workload\":\"detector\",\"replica\":0,\"from\":\"edge-7\",\"to\":\"edge-8\"}],"
                    + "\"pending\":[],\"evicted\":[]}")))
    public DrainReport drain(@PathParam("name") String name) {
        return nodes.drain(name);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Remove a node", description = "Its replicas are evicted and placed elsewhere if they fit.")
    @APIResponse(responseCode = "204", description = "Removed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "empty", value = "")))
    public Response delete(@PathParam("name") String name) {
        nodes.delete(name);
        return Response.noContent().build();
    }
}
