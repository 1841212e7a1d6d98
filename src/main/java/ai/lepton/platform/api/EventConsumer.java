package ai.lepton.platform.api;

/**
 * Receives relayed events. The platform calls {@link #handle} at most once per event id and consumer name (it records
 * the pair in the same transaction as the handler's writes), so at-least-once delivery neither loses nor doubles.
 */
public interface EventConsumer {

    /** Stable name, used as the de-duplication key together with the event id. */
    String name();

    /** Whether this consumer wants events of this type. */
    boolean accepts(String eventType);

    /** Handles one event inside a transaction. Throwing rolls back and the event is retried. */
    void handle(EventEnvelope event);
}
