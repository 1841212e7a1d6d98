package ai.lepton.platform.events;

import io.smallrye.reactive.messaging.amqp.OutgoingAmqpMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends envelopes on the {@code lepton-events} channel: an in-process channel in the embedded default, an AMQP 1.0
 * address in {@code prod}. The returned stage completes when the message is acknowledged (handled in process, or
 * accepted by the broker).
 */
@ApplicationScoped
public class EventBus {

    /** The channel name, shared by the sender and the receiver. */
    public static final String CHANNEL = "lepton-events";

    private final Emitter<String> emitter;

    public EventBus(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<String> emitter) {
        this.emitter = emitter;
    }

    public CompletionStage<Void> send(String eventId, String envelopeJson) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutgoingAmqpMetadata amqp = OutgoingAmqpMetadata.builder()
                .withMessageId(eventId)
                .withDurable(true)
                .withContentType("application/json")
                .build();
        Message<String> message = Message.of(envelopeJson)
                .addMetadata(amqp)
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return done;
    }
}
