package ai.lepton.ml.web;

import ai.lepton.ml.api.TrainingJobView;
import ai.lepton.ml.jobs.TrainingJobService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectRef;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/projects/{project}/training-jobs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "training")
public class TrainingJobResource {

    static final String JOB_EXAMPLE = """
            {"id":"6b1f6f8e-2d0c-4a8e-9a43-0d0c7c9f1b2a","model":"churn-clf","dataset":"customers","version":3,\
            "task":"classification","algorithm":"logistic-regression","target":"churned","features":["tenure","plan"],\
            "hyperparameters":{"epochs":10,"learningRate":1.0,"minibatchSize":1},\
            "split":{"train":0.7,"validation":0.1,"test":0.2,"seed":42},"state":"QUEUED","progress":0.0,"stage":"queued",\
            "error":null,"createdAt":"2026-11-28T09:00:00Z","startedAt":null,"finishedAt":null,"modelVersion":null}""";

    private final TrainingJobService jobs;

    public TrainingJobResource(TrainingJobService jobs) {
        this.jobs = jobs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit a training job", description = "Validated at once (dataset version, target and "
            + "feature columns, algorithm for the task, hyperparameters, split), then queued: 202 with the job. "
            + "Algorithms: classification logistic-regression, linear-sgd, cart, xgboost; regression linear-sgd, cart, "
            + "xgboost; clustering kmeans; anomaly one-class-svm.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "classifier",
            value = "{\"model\":\"churn-clf\",\"dataset\":\"customers\",\"version\":3,\"target\":\"churned\","
                    + "\"task\":\"classification\",\"algorithm\":\"logistic-regression\",\"hyperparameters\":{\"epochs\":10},"
                    + "\"split\":{\"train\":0.7,\"validation\":0.1,\"test\":0.2,\"seed\":42}}")))
    @APIResponse(responseCode = "202", description = "Queued", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "queued", value = JOB_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Invalid request, naming the field")
    @APIResponse(responseCode = "429", description = "The training queue is full")
    public Response submit(@PathParam("project") String project, @NotNull TrainingJobService.Request request) {
        TrainingJobView v = jobs.submit(project, request);
        return Response.accepted(v).location(URI.create("/api/projects/" + project + "/training-jobs/" + v.id())).build();
    }

    @GET
    @Operation(summary = "List training jobs", description = "Newest first.")
    @APIResponse(responseCode = "200", description = "A page of jobs", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "jobs", value = "{\"items\":[" + JOB_EXAMPLE + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<TrainingJobView> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return jobs.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Get a training job", description = "State, progress, timings, error, and on success the "
            + "registered model version.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "job", value = JOB_EXAMPLE)))
    public TrainingJobView get(@PathParam("project") String project, @PathParam("id") String id) {
        return jobs.get(project, id);
    }

    @POST
    @Path("{id}/cancel")
    @Operation(summary = "Cancel a training job", description = "A queued job is cancelled at once; a running job "
            + "stops at its next check (between reading batches and between training and evaluation). 409 if it ended.")
    @APIResponse(responseCode = "200", description = "The job", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "cancelling", value = JOB_EXAMPLE)))
    public TrainingJobView cancel(@PathParam("project") String project, @PathParam("id") String id) {
        return jobs.cancel(project, id);
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "Follow a training job", description = "Server-sent events: the job each time its state, "
            + "progress or stage changes, ending after the terminal state.")
    @APIResponse(responseCode = "200", description = "A stream of job snapshots", content = @Content(
            mediaType = MediaType.SERVER_SENT_EVENTS, examples = @ExampleObject(name = "event", value = "data:" + JOB_EXAMPLE)))
    public Multi<TrainingJobView> events(@PathParam("project") String project, @PathParam("id") String id) {
        ProjectRef ref = jobs.authorizeRead(project);
        jobs.get(ref, id); // 404 before the stream starts
        AtomicReference<TrainingJobView> last = new AtomicReference<>();
        AtomicBoolean ended = new AtomicBoolean();
        return Multi.createFrom().ticks().every(Duration.ofMillis(250))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(tick -> jobs.get(ref, id))
                // complete on the first snapshot after the terminal one (which is still emitted)
                .select().first(v -> {
                    boolean alreadyEnded = ended.get();
                    if (v.state().terminal()) {
                        ended.set(true);
                    }
                    return !alreadyEnded;
                })
                .select().where(v -> {
                    TrainingJobView previous = last.getAndSet(v);
                    return previous == null || previous.state() != v.state() || previous.progress() != v.progress()
                            || !Objects.equals(previous.stage(), v.stage());
                });
    }
}
