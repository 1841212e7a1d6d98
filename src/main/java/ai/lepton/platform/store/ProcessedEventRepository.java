package ai.lepton.platform.store;

import ai.lepton.platform.api.store.Sessions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** Remembers which consumer handled which event, so redelivered events are skipped. */
@ApplicationScoped
public class ProcessedEventRepository {

    private final Sessions sessions;

    public ProcessedEventRepository(Sessions sessions) {
        this.sessions = sessions;
    }

    public boolean seen(String consumer, String eventId) {
        return sessions.current().find(ProcessedEventEntity.class, new ProcessedEventEntity.Key(consumer, eventId)) != null;
    }

    public void markSeen(String consumer, String eventId, Instant at) {
        ProcessedEventEntity e = new ProcessedEventEntity();
        e.consumer = consumer;
        e.eventId = eventId;
        e.processedAt = at;
        sessions.current().persist(e);
        // flush now so a concurrent duplicate fails on the primary key inside this transaction
        sessions.current().flush();
    }
}
