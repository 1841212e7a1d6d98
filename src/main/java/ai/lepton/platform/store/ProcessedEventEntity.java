package ai.lepton.platform.store;

import jakarta.persistence.*;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "processed_event")
@IdClass(ProcessedEventEntity.Key.class)
public class ProcessedEventEntity {
    @Id
    public String consumer;
    @Id
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "processed_at")
    public Instant processedAt;

    public static class Key implements Serializable {
        public String consumer;
        public String eventId;

        public Key() {
        }

        public Key(String consumer, String eventId) {
            this.consumer = consumer;
            this.eventId = eventId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(consumer, k.consumer) && Objects.equals(eventId, k.eventId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(consumer, eventId);
        }
    }
}
