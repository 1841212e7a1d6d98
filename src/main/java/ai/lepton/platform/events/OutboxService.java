package ai.lepton.platform.events;

import ai.lepton.platform.api.DomainEvent;
import ai.lepton.platform.api.Outbox;
import ai.lepton.platform.store.OutboxEventEntity;
import ai.lepton.platform.store.OutboxRepository;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/** Writes events into the outbox table inside the caller's transaction and wakes the relay after commit. */
@ApplicationScoped
public class OutboxService implements Outbox {

    private final OutboxRepository repository;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry registry;
    private final OutboxRelay relay;

    public OutboxService(OutboxRepository repository, ObjectMapper mapper, TransactionSynchronizationRegistry registry,
            OutboxRelay relay) {
        this.repository = repository;
        this.mapper = mapper;
        this.registry = registry;
        this.relay = relay;
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void publish(DomainEvent event) {
        OutboxEventEntity e = new OutboxEventEntity();
        e.eventId = event.eventId().toString();
        e.eventType = event.eventType();
        e.project = event.project();
        e.occurredAt = event.occurredAt();
        try {
            e.payload = mapper.writeValueAsString(event);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("event " + event.eventType() + " cannot be serialised", ex);
        }
        e.attempts = 0;
        repository.persist(e);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
