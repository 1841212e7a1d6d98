package ai.lepton.compute.web;

import ai.lepton.compute.api.ReplicaReport;
import ai.lepton.compute.api.TrafficWeights;
import ai.lepton.compute.api.WorkloadSpec;
import ai.lepton.compute.api.WorkloadView;
import ai.lepton.compute.service.WorkloadService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

@Path("/api/projects/{project}/workloads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "compute")
public class WorkloadResource {

    static final String SPEC = "{\"name\":\"detector\",\"type\":\"deployment\",\"replicas\":3,\"resources\":"
            + "{\"cpuMillis\":2000,\"memoryMiB\":4096,\"gpus\":1,\"gpuModel\":\"L4\"},\"priority\":\"high\","
            + "\"nodeSelector\":{\"tier\":\"edge\"},\"affinity\":{\"required\":[{\"matchExpressions\":[{\"key\":\"zone\","
            + "\"operator\":\"In\",\"values\":[\"eu-1a\",\"eu-1b\"]}]}],\"preferred\":[{\"weight\":50,\"preference\":"
            + "{\"matchExpressions\":[{\"key\":\"kind\",\"operator\":\"In\",\"values\":[\"edge\"]}]}}]},"
            + "\"antiAffinity\":\"hostname\",\"topologySpread\":[{\"key\":\"zone\",\"maxSkew\":1}],\"tolerations\":"
            + "[{\"key\":\"dedicated\",\"operator\":\"Equal\",\"value\":\"vision\",\"effect\":\"NoSchedule\"}],"
            + "\"strategy\":\"spread\",\"autoscale\":{\"minReplicas\":1,\"maxReplicas\":10,\"metric\":\"inflight\","
            + "\"target\":10,\"scaleDownWindow\":\"5m\",\"scaleToZeroAfter\":\"15m\"}}";

    static final String VIEW = "{\"project\":\"vision\",\"name\":\"detector\",\"type\":\"deployment\",\"priority\":1000,"
            + "\"desiredReplicas\":3,\"admittedReplicas\":3,\"queued\":false,\"running\":2,\"replicas\":[{\"replica\":0,"
            + "\"node\":\"edge-7\",\"state\":\"Running\",\"reason\":null,\"exitCode\":null,\"message\":null,\"restarts\":0},"
            + "{\"replica\":1,\"node\":\"edge-8\",\"state\":\"Running\",\"reason\":null,\"exitCode\":null,\"message\":null,"
            + "\"restarts\":0},{\"replica\":2,\"node\":null,\"state\":\"Pending\",\"reason\":\"0/50 nodes "
            + "available: 30 insufficient cpu, 20 untolerated taint\",\"exitCode\":null,\"message\":null,\"restarts\":0}],"
            + "\"job\":null,\"lastPlacement\":{\"nodes\":50,\"feasible\":"
            + "12,\"preemption\":false,\"top\":[{\"node\":\"edge-8\",\"total\":187.5,\"plugins\":[{\"plugin\":\"Spread\","
            + "\"score\":87.5,\"weight\":1},{\"plugin\":\"NodeAffinity\",\"score\":50,\"weight\":2}]}]},\"spec\":"
            + SPEC + ",\"createdAt\":\"2026-11-28T09:00:00Z\",\"updatedAt\":\"2026-11-28T09:00:00Z\"}";

    static final String JOB = "{\"name\":\"train-resnet\",\"type\":\"job\",\"replicas\":2,\"resources\":"
            + "{\"cpuMillis\":8000,\"memoryMiB\":32768,\"gpus\":1},\"priority\":\"low\",\"gang\":true,"
            + "\"maxRetries\":3,\"ttlSecondsAfterFinished\":3600,\"strategy\":\"binpack\"}";

    static final String JOB_VIEW = "{\"project\":\"vision\",\"name\":\"train-resnet\",\"type\":\"job\","
            + "\"priority\":-100,\"desiredReplicas\":2,\"admittedReplicas\":2,\"queued\":false,\"running\":1,"
            + "\"replicas\":[{\"replica\":0,\"node\":\"gpu-3\",\"state\":\"Succeeded\",\"reason\":null,\"exitCode\":0,"
            + "\"message\":\"epoch 90/90, top-1 0.76\",\"restarts\":0},{\"replica\":1,\"node\":\"gpu-5\",\"state\":"
            + "\"Running\",\"reason\":null,\"exitCode\":137,\"message\":\"OOMKilled\",\"restarts\":1}],\"job\":"
            + "{\"state\":\"Running\",\"retries\":1,\"maxRetries\":3,\"succeeded\":1,\"startedAt\":"
            + "\"2026-11-28T09:00:02Z\",\"finishedAt\":null,\"expiresAt\":null},\"lastPlacement\":null,\"spec\":" + JOB
            + ",\"createdAt\":\"2026-11-28T09:00:00Z\",\"updatedAt\":\"2026-11-28T11:41:17Z\"}";

    private final WorkloadService workloads;

    public WorkloadResource(WorkloadService workloads) {
        this.workloads = workloads;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a workload", description = "A job or deployment of identical replicas, placed at once "
            + "(preempting strictly lower-priority preemptible replicas where needed). priority: an integer or "
            + "system-critical, high, default, low. strategy: binpack, spread, cost, energy or latency. Over the "
            + "project's quota: 409 quota-exceeded (policy reject) or accepted and queued (policy queue). Jobs run to "
            + "completion: each replica's end is reported to .../replicas/{replica}/status; maxRetries (default 0) "
            + "failed runs, over the whole job, are run again before a failure fails the job, and the scheduling loop "
            + "deletes a finished job ttlSecondsAfterFinished seconds after it finished (unset: kept). For "
            + "deployments, autoscale is applied by the scheduling loop.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "deployment", value = SPEC),
        @ExampleObject(name = "job", value = JOB)}))
    @APIResponse(responseCode = "201", description = "Submitted", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "workload", value = VIEW)))
    public Response create(@PathParam("project") String project, @NotNull WorkloadSpec spec) {
        WorkloadView v = workloads.create(project, spec);
        return Response.created(URI.create("/api/projects/" + project + "/workloads/" + v.name())).entity(v).build();
    }

    @GET
    @Operation(summary = "List workloads")
    @APIResponse(responseCode = "200", description = "A page of workloads", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "workloads", value = "{\"items\":["
                    + VIEW + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<WorkloadView> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return workloads.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get a workload", description = "Each replica with its node (Running) or the reason it is "
            + "Pending, and the score breakdown of its last placement. A job also shows its state (Running, Succeeded, "
            + "Failed), retries used, start, finish and expiry times, and its ended replicas (Succeeded, Failed, "
            + "Stopped) with the exit code and message reported.")
    @APIResponse(responseCode = "200", description = "The workload", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "deployment", value = VIEW),
                @ExampleObject(name = "job", value = JOB_VIEW)}))
    public WorkloadView get(@PathParam("project") String project, @PathParam("name") String name) {
        return workloads.get(project, name);
    }

    /**
     * The replica count of a scale request.
     *
     * @param replicas the new count
     */
    public record Scale(Integer replicas) {
    }

    @PUT
    @Path("{name}/replicas")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scale a workload", description = "Scaling down removes pending replicas first, then the "
            + "newest placed ones. Scaling up goes through the project's quota (409 quota-exceeded under policy "
            + "reject). A placed gang grows only if all its added replicas can be placed at once; otherwise nothing "
            + "changes and the answer is 409 gang-unplaceable.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "five",
            value = "{\"replicas\":5}")))
    @APIResponse(responseCode = "200", description = "The workload", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "workload", value = VIEW)))
    public WorkloadView scale(@PathParam("project") String project, @PathParam("name") String name,
            @NotNull Scale scale) {
        return workloads.scale(project, name, scale.replicas());
    }

    @POST
    @Path("{name}/replicas/{replica}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a job replica's end", description = "Called by the node agent running a job replica "
            + "(or by an operator) when its process exits, as a kubelet reports a pod's phase. Succeeded: the replica "
            + "leaves its node, stops counting against the project's quota and stays listed as Succeeded; the job "
            + "succeeds when all its replicas have. Failed: while the job has used fewer than maxRetries retries "
            + "(counted over the whole job, like Kubernetes' backoffLimit), the replica keeps its id and is placed "
            + "again, possibly on another node (restarts goes up); otherwise it ends Failed, the job fails, and its "
            + "other replicas are stopped (each running one a ReplicaEvicted with cause job-failed): a gang fails "
            + "whole. A finished job is a JobFinished event. node and attempt (the view's restarts) are optional: "
            + "when given and not the replica's current run, the report is stale (409). 404: no such workload or "
            + "replica; 409: a deployment, a finished job, or a replica that is not running.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "succeeded", value = "{\"phase\":\"Succeeded\",\"exitCode\":0,\"message\":"
                + "\"epoch 90/90, top-1 0.76\",\"node\":\"gpu-3\",\"attempt\":0}"),
        @ExampleObject(name = "failed", value = "{\"phase\":\"Failed\",\"exitCode\":137,\"message\":\"OOMKilled\","
                + "\"node\":\"gpu-4\",\"attempt\":0}")}))
    @APIResponse(responseCode = "200", description = "The job after the report", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "job", value = JOB_VIEW)))
    public WorkloadView reportReplica(@PathParam("project") String project, @PathParam("name") String name,
            @PathParam("replica") int replica, @NotNull ReplicaReport report) {
        return workloads.reportReplica(project, name, replica, report);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete a workload", description = "Frees its resources and quota; queued and pending work "
            + "may use them at once.")
    @APIResponse(responseCode = "204", description = "Deleted", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "empty", value = "")))
    public Response delete(@PathParam("project") String project, @PathParam("name") String name) {
        workloads.delete(project, name);
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/allocation")
    @Operation(summary = "Traffic weights of a deployment", description = "Water-filling: replicas on less loaded "
            + "nodes get more traffic, none past its capacity; the weights λ sum to 1. demand is in replica-load "
            + "units (default 1).")
    @APIResponse(responseCode = "200", description = "The weights", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "weights", value = "{\"project\":"
                    + "\"vision\",\"workload\":\"detector\",\"demand\":1.0,\"level\":0.4,\"served\":1.0,\"unserved\":0.0,"
                    + "\"replicas\":[{\"replica\":0,\"node\":\"edge-7\",\"weight\":0.25},{\"replica\":1,\"node\":"
                    + "\"edge-8\",\"weight\":0.75}]}")))
    public TrafficWeights allocation(@PathParam("project") String project, @PathParam("name") String name,
            @QueryParam("demand") Double demand) {
        return workloads.allocation(project, name, demand);
    }
}
