package ai.lepton.ml.web;

import ai.lepton.ml.api.EndpointView;
import ai.lepton.ml.endpoints.EndpointService;
import ai.lepton.ml.endpoints.EndpointService.Deploy;
import ai.lepton.ml.endpoints.EndpointService.Predictions;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.validation.constraints.NotNull;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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

@Path("/api/projects/{project}/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "serving")
public class EndpointResource {

    static final String ENDPOINT_EXAMPLE = "{\"name\":\"churn\",\"model\":\"churn-clf\",\"routes\":[{\"version\":3,"
            + "\"weight\":90},{\"version\":4,\"weight\":10}],\"revision\":2,\"workload\":\"churn-serving\","
            + "\"inFlight\":7,\"replicas\":[{\"replica\":0,\"node\":\"dc1-a\",\"weight\":0.75,\"requests\":3012},"
            + "{\"replica\":1,\"node\":\"dc1-b\",\"weight\":0.25,\"requests\":1004}],"
            + "\"createdAt\":\"2026-11-28T09:00:00Z\",\"updatedAt\":\"2026-11-28T10:00:00Z\"}";

    private final EndpointService endpoints;

    public EndpointResource(EndpointService endpoints) {
        this.endpoints = endpoints;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Deploy a model version to a new endpoint", description = "Either {\"version\":3} for all "
            + "traffic, or {\"routes\":[{\"version\":3,\"weight\":90},{\"version\":4,\"weight\":10}]} for a canary. "
            + "Optionally \"workload\": a compute deployment of the same project the endpoint runs on (400 naming "
            + "workload if there is none of that name or it is a job): the endpoint's in-flight requests then drive "
            + "that deployment's autoscaler, and requests are routed over its replicas by the traffic allocation "
            + "weights, counted per replica in the endpoint and in lepton_endpoint_replica_requests_total.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
        @ExampleObject(name = "single", value = "{\"name\":\"churn\",\"model\":\"churn-clf\",\"version\":3}"),
        @ExampleObject(name = "on a deployment", value = "{\"name\":\"churn\",\"model\":\"churn-clf\",\"version\":3,"
                + "\"workload\":\"churn-serving\"}"),
        @ExampleObject(name = "canary", value = "{\"name\":\"churn\",\"model\":\"churn-clf\",\"routes\":[{\"version\":3,"
                + "\"weight\":90},{\"version\":4,\"weight\":10}]}")}))
    @APIResponse(responseCode = "201", description = "Deployed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "endpoint", value = ENDPOINT_EXAMPLE)))
    public Response create(@PathParam("project") String project, @NotNull Deploy deploy) {
        EndpointView v = endpoints.create(project, deploy);
        return Response.created(URI.create("/api/projects/" + project + "/endpoints/" + v.name())).entity(v).build();
    }

    @GET
    @Operation(summary = "List endpoints")
    @APIResponse(responseCode = "200", description = "A page of endpoints", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "endpoints", value = "{\"items\":[" + ENDPOINT_EXAMPLE + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<EndpointView> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return endpoints.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{name}")
    @Operation(summary = "Get an endpoint")
    @APIResponse(responseCode = "200", description = "The endpoint", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "endpoint", value = ENDPOINT_EXAMPLE)))
    public EndpointView get(@PathParam("project") String project, @PathParam("name") String name) {
        return endpoints.get(project, name);
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeploy an endpoint", description = "New version or routes (and optionally model and "
            + "workload: omitted keeps it, \"\" detaches it). The new models are loaded before traffic moves; requests "
            + "in flight finish on the old deployment.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "promote",
            value = "{\"version\":4}")))
    @APIResponse(responseCode = "200", description = "Redeployed", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "endpoint", value = ENDPOINT_EXAMPLE)))
    public EndpointView redeploy(@PathParam("project") String project, @PathParam("name") String name,
            @NotNull Deploy deploy) {
        return endpoints.redeploy(project, name, deploy);
    }

    @DELETE
    @Path("{name}")
    @Operation(summary = "Delete an endpoint")
    @APIResponse(responseCode = "204", description = "Deleted", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "empty", value = "")))
    public Response delete(@PathParam("project") String project, @PathParam("name") String name) {
        endpoints.delete(project, name);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/predict")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Predict", description = "Each instance is an object with every feature of the model "
            + "(null for an unknown value); a missing or mistyped feature gives 400 naming instances[i].field. "
            + "Concurrent requests are micro-batched into one model call.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "two",
            value = "{\"instances\":[{\"tenure\":12,\"plan\":\"pro\"},{\"tenure\":2,\"plan\":\"basic\"}]}")))
    @APIResponse(responseCode = "200", description = "One prediction per instance", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "predictions", value =
                    "{\"endpoint\":\"churn\",\"model\":\"churn-clf\",\"predictions\":[{\"version\":3,\"prediction\":\"no\","
                    + "\"scores\":{\"no\":0.91,\"yes\":0.09}},{\"version\":3,\"prediction\":\"yes\",\"scores\":{\"no\":0.2,"
                    + "\"yes\":0.8}}]}")))
    public Uni<Predictions> predict(@PathParam("project") String project, @PathParam("name") String name,
            Object body) {
        // a hot endpoint answers on the I/O thread (a linear model predicts in microseconds: a hand-off to a worker
        // thread and back would cost more than the prediction); anything that may read the database goes to a worker
        var fast = endpoints.predictWithoutBlocking(project, name, body);
        if (fast.isPresent()) {
            return Uni.createFrom().completionStage(fast.get());
        }
        return Uni.createFrom().item(() -> endpoints.predict(project, name, body))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
