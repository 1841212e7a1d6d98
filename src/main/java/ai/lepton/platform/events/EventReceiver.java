package ai.lepton.platform.events;

import ai.lepton.platform.api.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Takes envelopes off the event bus (in-process or AMQP) and hands them to the dispatcher. */
@ApplicationScoped
public class EventReceiver {

    private final EventDispatcher dispatcher;
    private final ObjectMapper mapper;

    public EventReceiver(EventDispatcher dispatcher, ObjectMapper mapper) {
        this.dispatcher = dispatcher;
        this.mapper = mapper;
    }

    @Incoming(EventBus.LOCAL)
    @Blocking(ordered = true)
    public void receiveLocal(String json) throws Exception {
        receive(json);
    }

    @Incoming(EventBus.IN)
    @Blocking(ordered = true)
    public void receiveFromBroker(String json) throws Exception {
        receive(json);
    }

    private void receive(String json) throws Exception {
        JsonNode n = mapper.readTree(json);
        EventEnvelope envelope = new EventEnvelope(UUID.fromString(n.get("id").asText()), n.get("type").asText(),
                n.hasNonNull("project") ? n.get("project").asText() : null,
                Instant.parse(n.get("occurredAt").asText()), n.get("payload"));
        dispatcher.dispatch(envelope);
    }
}
