package ai.lepton.platform.events;

import ai.lepton.platform.api.EventConsumer;
import ai.lepton.platform.api.EventEnvelope;
import ai.lepton.platform.store.EventLogEntity;
import ai.lepton.platform.store.EventLogRepository;
import jakarta.enterprise.context.ApplicationScoped;

/** Keeps every delivered event in the per-project event log that {@code GET /api/projects/{p}/events} shows. */
@ApplicationScoped
public class EventLogConsumer implements EventConsumer {

    private final EventLogRepository log;

    public EventLogConsumer(EventLogRepository log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "event-log";
    }

    @Override
    public boolean accepts(String eventType) {
        return true;
    }

    @Override
    public void handle(EventEnvelope event) {
        EventLogEntity e = new EventLogEntity();
        e.eventId = event.id().toString();
        e.eventType = event.type();
        e.project = event.project();
        e.occurredAt = event.occurredAt();
        e.payload = event.payload().toString();
        log.persist(e);
    }
}
