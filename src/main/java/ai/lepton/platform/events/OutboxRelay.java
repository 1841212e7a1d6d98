package ai.lepton.platform.events;

import ai.lepton.platform.config.PlatformConfig;
import ai.lepton.platform.store.OutboxEventEntity;
import ai.lepton.platform.store.OutboxRepository;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed outbox rows on the event bus, oldest first, and marks each published once the bus acknowledged
 * it. It runs on one thread, woken after each commit that wrote an event and by a periodic poll, which also picks up
 * rows left behind by a crash between commit and relay. A crash between acknowledgement and marking republishes the
 * row: consumers are idempotent on the event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private final OutboxRepository repository;
    private final EventBus bus;
    private final ObjectMapper mapper;
    private final PlatformConfig config;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong relayed = new AtomicLong();
    private ExecutorService executor;
    private volatile boolean running;

    public OutboxRelay(OutboxRepository repository, EventBus bus, ObjectMapper mapper, PlatformConfig config,
            MeterRegistry registry) {
        this.repository = repository;
        this.bus = bus;
        this.mapper = mapper;
        this.config = config;
        registry.gauge("lepton.outbox.pending", pending);
        registry.more().counter("lepton.outbox.relayed", List.of(), relayed);
    }

    // last of the start-up observers, so the event bus channels are wired before the first round
    void start(@Observes @Priority(Integer.MAX_VALUE) StartupEvent event) {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "lepton-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        running = config.outbox().enabled();
        if (!running) {
            Log.warn("outbox relay is disabled (lepton.platform.outbox.enabled=false): events stay in the outbox");
            return;
        }
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Scheduled(every = "${lepton.platform.outbox.poll-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    /** Asks for a relay round soon; cheap and safe to call from any thread, many times. */
    public void wake() {
        if (running && executor != null && scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::round);
            } catch (RuntimeException e) {
                scheduled.set(false);
            }
        }
    }

    /** Number of events not yet acknowledged by the bus, as of the last round. */
    public long pending() {
        return pending.get();
    }

    /**
     * Relays until the outbox is empty or the bus fails. Package-private for tests, which call it synchronously.
     *
     * @return the number of events relayed
     */
    int round() {
        scheduled.set(false);
        int total = 0;
        try {
            while (running) {
                List<OutboxEventEntity> batch = QuarkusTransaction.requiringNew()
                        .call(() -> repository.pending(config.outbox().batchSize()));
                if (batch.isEmpty()) {
                    break;
                }
                for (OutboxEventEntity row : batch) {
                    if (!relayOne(row)) {
                        return total;
                    }
                    total++;
                }
            }
            return total;
        } finally {
            pending.set(QuarkusTransaction.requiringNew().call(repository::countPending));
            if (total > 0) {
                Log.debugf("outbox relay published %d event(s), %d pending", total, pending.get());
            }
        }
    }

    private boolean relayOne(OutboxEventEntity row) {
        try {
            bus.send(row.eventId, envelope(row)).toCompletableFuture()
                    .get(config.outbox().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
            QuarkusTransaction.requiringNew().run(() -> repository.findById(row.seq).ifPresent(r -> {
                r.attempts++;
                r.lastError = error.length() > 2000 ? error.substring(0, 2000) : error;
            }));
            Log.warnf("outbox relay could not publish %s %s (attempt %d), will retry: %s", row.eventType, row.eventId,
                    row.attempts + 1, error);
            return false;
        }
        QuarkusTransaction.requiringNew().run(() -> repository.findById(row.seq).ifPresent(r -> {
            r.attempts++;
            r.publishedAt = Instant.now();
        }));
        relayed.incrementAndGet();
        return true;
    }

    String envelope(OutboxEventEntity row) {
        try {
            ObjectNode n = mapper.createObjectNode();
            n.put("id", row.eventId);
            n.put("type", row.eventType);
            n.put("project", row.project);
            n.put("occurredAt", row.occurredAt.toString());
            n.set("payload", mapper.readTree(row.payload));
            return mapper.writeValueAsString(n);
        } catch (Exception e) {
            throw new IllegalStateException("outbox row " + row.eventId + " holds invalid JSON", e);
        }
    }
}
