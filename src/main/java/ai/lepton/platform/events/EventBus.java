package ai.lepton.platform.events;

import ai.lepton.platform.config.PlatformConfig;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends envelopes to the event bus: the in-process channel {@code lepton-events-local} in the embedded default, the
 * AMQP channel {@code lepton-events-out} in {@code prod}. The returned stage completes when the message is
 * acknowledged: handled by the in-process receiver, or accepted by the broker.
 */
@ApplicationScoped
public class EventBus {

    /** In-process channel, wired from this emitter straight to {@link EventReceiver}. */
    public static final String LOCAL = "lepton-events-local";
    /** Outgoing AMQP channel. */
    public static final String OUT = "lepton-events-out";
    /** Incoming AMQP channel. */
    public static final String IN = "lepton-events-in";

    @Inject
    @Channel(LOCAL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Emitter<String> local;

    // Looked up lazily: outside prod the AMQP channel is disabled and its emitter cannot be injected at all.
    @Inject
    @Channel(OUT)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
    Instance<Emitter<String>> amqpEmitter;

    private volatile Emitter<String> amqp;
    private final boolean useAmqp;

    public EventBus(PlatformConfig config) {
        String transport = config.events().transport();
        if (!transport.equals("amqp") && !transport.equals("in-process")) {
            throw new IllegalStateException("lepton.platform.events.transport must be in-process or amqp, not '"
                    + transport + "'");
        }
        this.useAmqp = transport.equals("amqp");
        Log.infof("event bus: %s", useAmqp ? "AMQP 1.0 broker (channel " + OUT + ")" : "in-process channel " + LOCAL);
    }

    public CompletionStage<Void> send(String eventId, String envelopeJson) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Message<String> message = Message.of(envelopeJson)
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        if (useAmqp) {
            if (amqp == null) {
                amqp = amqpEmitter.get();
            }
            amqp.send(message.addMetadata(OutgoingAmqpMetadata.builder()
                    .withMessageId(eventId)
                    .withDurable(true)
                    .withContentType("application/json")
                    .build()));
        } else {
            local.send(message);
        }
        return done;
    }
}
