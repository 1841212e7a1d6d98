package ai.lepton.platform.events;

import ai.lepton.platform.api.EventConsumer;
import ai.lepton.platform.api.EventEnvelope;
import ai.lepton.platform.store.ProcessedEventRepository;
import io.quarkus.arc.All;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Delivers an event to every interested consumer exactly once per (consumer, event id): the "processed" record and
 * the consumer's own writes commit together, so a redelivered event is skipped and a failed one is retried.
 */
@ApplicationScoped
public class EventDispatcher {

    private final List<EventConsumer> consumers;
    private final ProcessedEventRepository processed;

    public EventDispatcher(@All List<EventConsumer> consumers, ProcessedEventRepository processed) {
        this.consumers = consumers;
        this.processed = processed;
    }

    public void dispatch(EventEnvelope event) {
        String id = event.id().toString();
        for (EventConsumer consumer : consumers) {
            if (!consumer.accepts(event.type())) {
                continue;
            }
            try {
                boolean handled = QuarkusTransaction.requiringNew().call(() -> {
                    if (processed.seen(consumer.name(), id)) {
                        return false;
                    }
                    processed.markSeen(consumer.name(), id, Instant.now());
                    consumer.handle(event);
                    return true;
                });
                if (!handled) {
                    Log.debugf("consumer %s already handled %s %s; skipped", consumer.name(), event.type(), id);
                }
            } catch (RuntimeException e) {
                // a concurrent delivery may have won the race on the processed-event key
                boolean seen = QuarkusTransaction.requiringNew().call(() -> processed.seen(consumer.name(), id));
                if (!seen) {
                    throw e;
                }
            }
        }
    }
}
