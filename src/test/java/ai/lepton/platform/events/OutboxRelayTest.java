package ai.lepton.platform.events;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.newProject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.lepton.platform.api.store.Sessions;
import ai.lepton.platform.store.OutboxEventEntity;
import ai.lepton.platform.store.OutboxRepository;
import ai.lepton.testing.ArtemisResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;
    @Inject
    OutboxRepository outbox;
    @Inject
    Sessions sessions;

    @Test
    void eventTravelsThroughTheAmqpBrokerIntoTheEventLog() {
        long before = ArtemisResource.messagesAdded("lepton.events");
        String p = newProject("bus");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin().get("/api/projects/" + p + "/events").then().statusCode(200)
                        .extract().<List<String>>path("items.type")).contains("ProjectCreated"));
        assertThat(ArtemisResource.messagesAdded("lepton.events")).isGreaterThan(before);
    }

    @Test
    void rowCommittedButNeverRelayedIsPublishedByTheNextRelayRound() {
        String p = newProject("crash");
        // what a crash right after commit leaves behind: a committed outbox row that no relay has seen
        String eventId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEventEntity e = new OutboxEventEntity();
            e.eventId = eventId;
            e.eventType = "CrashProbe";
            e.project = p;
            e.occurredAt = Instant.now();
            e.payload = "{\"probe\":true}";
            outbox.persist(e);
        });
        relay.round(); // the first round after a restart
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                admin().get("/api/projects/" + p + "/events?type=CrashProbe").then().statusCode(200)
                        .extract().<List<String>>path("items.id")).containsExactly(eventId));
        assertThat(publishedAt(eventId)).isNotNull();
    }

    @Test
    void eventRelayedTwiceIsHandledOnce() {
        String p = newProject("twice");
        await().atMost(Duration.ofSeconds(20)).until(() -> admin().get("/api/projects/" + p + "/events")
                .then().extract().<Integer>path("total") == 1);
        String eventId = admin().get("/api/projects/" + p + "/events").then().extract().path("items[0].id");
        // the ack was lost after delivery (e.g. a crash before marking): the row is relayed again
        QuarkusTransaction.requiringNew().run(() -> sessions.current()
                .createMutationQuery("update OutboxEventEntity set publishedAt = null where eventId = :id")
                .setParameter("id", eventId).executeUpdate());
        relay.round();
        await().atMost(Duration.ofSeconds(20)).until(() -> publishedAt(eventId) != null);
        // give the consumer time to see the duplicate, then check it was skipped
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(admin().get("/api/projects/" + p + "/events").then().extract().<Integer>path("total"))
                        .isEqualTo(1));
        long processed = QuarkusTransaction.requiringNew().call(() -> sessions.current()
                .createSelectionQuery("select count(*) from ProcessedEventEntity where eventId = :id", Long.class)
                .setParameter("id", eventId).getSingleResult());
        assertThat(processed).isEqualTo(1);
    }

    private Instant publishedAt(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> sessions.current()
                .createSelectionQuery("select publishedAt from OutboxEventEntity where eventId = :id", Instant.class)
                .setParameter("id", eventId).getSingleResult());
    }
}
