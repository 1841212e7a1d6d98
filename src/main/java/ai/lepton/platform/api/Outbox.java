package ai.lepton.platform.api;

/** The transactional outbox. */
public interface Outbox {

    /**
     * Records an event in the caller's transaction (one must be active). It is relayed after commit, at least once;
     * if the transaction rolls back the event never existed.
     */
    void publish(DomainEvent event);
}
