package ai.lepton.ml.web;

import ai.lepton.ml.detect.LiveDetectorService;
import ai.lepton.ml.detect.SeriesService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Anomaly detection and forecasting on telemetry series: over stored dataset versions, and live on node metrics. */
@Path("/api/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "telemetry models")
public class TelemetryModelResource {

    static final String LIVE_EXAMPLE = "{\"name\":\"cpu-watch\",\"metric\":\"cpu_utilization\",\"node\":\"*\","
            + "\"threshold\":0.3,\"options\":{},\"series\":12,\"createdAt\":\"2026-11-28T09:00:00Z\"}";

    private final SeriesService series;
    private final LiveDetectorService live;

    public TelemetryModelResource(SeriesService series, LiveDetectorService live) {
        this.series = series;
        this.live = live;
    }

    @POST
    @Path("detectors/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run the anomaly detector over a dataset version", description = "Streams the version's "
            + "rows in order through the online detector (each score uses only that point and earlier ones). Returns "
            + "a page of scores (offset/limit, at most 10,000), every anomaly (score >= threshold, at most 10,000 "
            + "listed, the count is exact) with the window it belongs to: anomalies less than alarmHold apart form "
            + "one window.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cpu",
            value = "{\"dataset\":\"cpu\",\"version\":1,\"timeColumn\":\"timestamp\",\"valueColumn\":\"value\","
                    + "\"threshold\":0.3,\"options\":{\"localWindow\":\"36h\",\"alarmHold\":\"12h\"},\"offset\":0,\"limit\":2}")))
    @APIResponse(responseCode = "200", description = "Scores and anomalies", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "run", value = "{\"dataset\":\"cpu\","
                    + "\"version\":1,\"timeColumn\":\"timestamp\",\"valueColumn\":\"value\",\"threshold\":0.3,"
                    + "\"options\":{\"referenceWindow\":\"PT336H\",\"localWindow\":\"PT36H\",\"smoothingWindow\":\"PT1H\","
                    + "\"alarmHold\":\"PT12H\",\"warmUpPoints\":48},\"points\":4032,\"scores\":{\"items\":["
                    + "{\"row\":1,\"timestamp\":\"2014-02-14T14:30:00Z\",\"value\":0.132,\"score\":0.0},"
                    + "{\"row\":2,\"timestamp\":\"2014-02-14T14:35:00Z\",\"value\":0.134,\"score\":0.0}],"
                    + "\"offset\":0,\"limit\":2,\"total\":4032},\"anomalyCount\":1,\"anomaliesTruncated\":false,"
                    + "\"anomalies\":[{\"row\":3412,\"timestamp\":\"2014-02-26T14:50:00Z\",\"value\":2.2,\"score\":0.71,"
                    + "\"window\":0}],\"windows\":[{\"start\":\"2014-02-26T14:50:00Z\",\"end\":\"2014-02-26T14:50:00Z\","
                    + "\"anomalies\":1,\"peak\":{\"row\":3412,\"timestamp\":\"2014-02-26T14:50:00Z\",\"value\":2.2,"
                    + "\"score\":0.71}}]}")))
    @APIResponse(responseCode = "400", description = "Invalid request, naming the field (and the row for bad data)")
    public SeriesService.DetectionRun detect(@PathParam("project") String project, SeriesService.DetectRequest r) {
        return series.detect(project, r);
    }

    @POST
    @Path("forecasts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Forecast a series of a dataset version", description = "Damped Holt-Winters with the "
            + "seasonal period found in the series; the interval comes from the model's own past errors. Missing "
            + "values repeat the previous one.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cpu",
            value = "{\"dataset\":\"cpu\",\"timeColumn\":\"timestamp\",\"valueColumn\":\"value\",\"horizon\":2,"
                    + "\"confidence\":0.9}")))
    @APIResponse(responseCode = "200", description = "The forecast", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "forecast", value = "{\"dataset\":"
                    + "\"cpu\",\"version\":1,\"timeColumn\":\"timestamp\",\"valueColumn\":\"value\",\"points\":4032,"
                    + "\"historyUsed\":4032,\"period\":288,\"intervalSeconds\":300,\"confidence\":0.9,\"forecast\":["
                    + "{\"step\":1,\"timestamp\":\"2014-02-28T14:30:00Z\",\"mean\":0.13,\"lower\":0.1,\"upper\":0.17},"
                    + "{\"step\":2,\"timestamp\":\"2014-02-28T14:35:00Z\",\"mean\":0.13,\"lower\":0.09,\"upper\":0.18}]}")))
    @APIResponse(responseCode = "400", description = "Invalid request, naming the field")
    public SeriesService.ForecastRun forecast(@PathParam("project") String project, SeriesService.ForecastRequest r) {
        return series.forecast(project, r);
    }

    @POST
    @Path("detectors/live")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attach a live detector to a telemetry metric", description = "Every point of the metric "
            + "(from one node, or every node with \"*\") is scored by that node's online detector; a score at or "
            + "above the threshold publishes an AnomalyDetected event.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "cpu",
            value = "{\"name\":\"cpu-watch\",\"metric\":\"cpu_utilization\",\"node\":\"*\",\"threshold\":0.3}")))
    @APIResponse(responseCode = "201", description = "Attached", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "attached", value = LIVE_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "A live detector of that name exists")
    public Response attach(@PathParam("project") String project, LiveDetectorService.Request r) {
        LiveDetectorService.View v = live.create(project, r);
        return Response.created(URI.create("/api/projects/" + project + "/detectors/live/" + v.name())).entity(v).build();
    }

    @GET
    @Path("detectors/live")
    @Operation(summary = "List live detectors")
    @APIResponse(responseCode = "200", description = "A page of live detectors", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "detectors",
                    value = "{\"items\":[" + LIVE_EXAMPLE + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<LiveDetectorService.View> list(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return live.list(project, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("detectors/live/{name}")
    @Operation(summary = "Get a live detector")
    @APIResponse(responseCode = "200", description = "The live detector", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "detector", value = LIVE_EXAMPLE)))
    public LiveDetectorService.View get(@PathParam("project") String project, @PathParam("name") String name) {
        return live.get(project, name);
    }

    @DELETE
    @Path("detectors/live/{name}")
    @Operation(summary = "Detach a live detector")
    @APIResponse(responseCode = "204", description = "Detached", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "empty", value = "")))
    public Response delete(@PathParam("project") String project, @PathParam("name") String name) {
        live.delete(project, name);
        return Response.noContent().build();
    }
}
