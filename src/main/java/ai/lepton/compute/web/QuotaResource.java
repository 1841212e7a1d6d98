package ai.lepton.compute.web;

import ai.lepton.compute.api.QuotaSpec;
import ai.lepton.compute.api.QuotaView;
import ai.lepton.compute.service.WorkloadService;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/quota")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
public class QuotaResource {

    static final String VIEW = "{\"project\":\"vision\",\"limit\":{\"cpuMillis\":64000,\"memoryMiB\":262144,\"gpus\":8,"
            + "\"gpuModel\":null},\"policy\":\"queue\",\"usage\":{\"cpuMillis\":6000,\"memoryMiB\":12288,\"gpus\":3,"
            + "\"gpuModel\":null},\"queued\":[]}";

    private final WorkloadService workloads;

    public QuotaResource(WorkloadService workloads) {
        this.workloads = workloads;
    }

    @GET
    @Operation(summary = "Get the project's quota and usage", description = "usage counts every admitted replica's "
            + "request, placed or pending; limit and policy are null without a quota.")
    @APIResponse(responseCode = "200", description = "Quota and usage", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "quota", value = VIEW)))
    public QuotaView get(@PathParam("project") String project) {
        return workloads.quota(project);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the project's quota", description = "Project or installation admins. policy reject: "
            + "a workload or scale-up over quota gets 409 quota-exceeded; queue: it is accepted and held until quota "
            + "frees up. Lowering a quota evicts nothing.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "queue",
            value = "{\"cpuMillis\":64000,\"memoryMiB\":262144,\"gpus\":8,\"policy\":\"queue\"}")))
    @APIResponse(responseCode = "200", description = "Quota and usage", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "quota", value = VIEW)))
    public QuotaView put(@PathParam("project") String project, @NotNull QuotaSpec spec) {
        return workloads.setQuota(project, spec);
    }
}
