package ai.lepton.platform.web;

import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.events.EventLogService;
import ai.lepton.platform.events.EventLogService.LoggedEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "events")
public class EventResource {

    private final EventLogService events;
    private final PlatformConfig config;

    public EventResource(EventLogService events, PlatformConfig config) {
        this.events = events;
        this.config = config;
    }

    @GET
    @Operation(summary = "List the project's events", description = "Events that went through the outbox and the "
            + "event bus, newest first; filter by type with ?type=DatasetVersionCreated.")
    @APIResponse(responseCode = "200", description = "A page of events", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(
            name = "page", value = "{\"items\":[{\"id\":\"0b6f7c1e-4a6e-4a55-9d8e-1f0f8f8c2a11\",\"type\":\"DatasetVersionCreated\","
                    + "\"occurredAt\":\"2026-11-28T09:05:00Z\",\"payload\":{\"dataset\":\"sales\",\"version\":1}}],"
                    + "\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<LoggedEvent> list(@PathParam("project") String project, @QueryParam("type") String type,
            @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return events.list(project, type, PageRequest.of(offset, limit, config.paging().maxLimit()));
    }
}
