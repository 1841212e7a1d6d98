package ai.lepton.platform.events;

import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import ai.lepton.platform.store.EventLogEntity;
import ai.lepton.platform.store.EventLogRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Reads a project's event log, newest first. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class EventLogService implements ai.lepton.platform.api.EventLog {

    /**
     * One delivered event.
     *
     * @param id event id
     * @param type event type
     * @param occurredAt when it happened
     * @param payload the event as JSON
     */
    public record LoggedEvent(String id, String type, Instant occurredAt, JsonNode payload) {
    }

    private final EventLogRepository log;
    private final Projects projects;
    private final ObjectMapper mapper;

    public EventLogService(EventLogRepository log, Projects projects, ObjectMapper mapper) {
        this.log = log;
        this.projects = projects;
        this.mapper = mapper;
    }

    public Page<LoggedEvent> list(String project, String type, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return new Page<>(log.listForProject(ref.name(), type, page.offset(), page.limit()).stream()
                .map(this::view).toList(), page.offset(), page.limit(), log.countForProject(ref.name(), type));
    }

    @Override
    public java.util.Optional<JsonNode> payload(ProjectRef project, String eventId) {
        return log.find(project.name(), eventId).map(e -> view(e).payload());
    }

    private LoggedEvent view(EventLogEntity e) {
        try {
            return new LoggedEvent(e.eventId, e.eventType, e.occurredAt, mapper.readTree(e.payload));
        } catch (Exception ex) {
            throw new IllegalStateException("event log row " + e.eventId + " holds invalid JSON", ex);
        }
    }
}
