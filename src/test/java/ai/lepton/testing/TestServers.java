package ai.lepton.testing;

import io.quarkus.test.common.QuarkusTestResource;

/**
 * The real servers every {@code @QuarkusTest} runs against: PostgreSQL and an AMQP broker, started once per test run.
 * (Quarkus applies {@code @QuarkusTestResource} globally, whichever class carries it.)
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(ArtemisResource.class)
public final class TestServers {

    private TestServers() {
    }
}
