package ai.lepton.platform.store;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "event_log")
public class EventLogEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    public String project;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String payload;
}
