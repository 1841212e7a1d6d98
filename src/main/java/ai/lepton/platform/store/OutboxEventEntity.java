package ai.lepton.platform.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "outbox_event")
public class OutboxEventEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String project;
    public String payload;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "published_at")
    public Instant publishedAt;
    public int attempts;
    @Column(name = "last_error")
    public String lastError;
}
