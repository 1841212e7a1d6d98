package ai.lepton.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LeptonMainTest {

    @Test
    void embeddedDefaultNeedsNothing() {
        assertThat(LeptonMain.preflight(Map.of(), new Properties())).isEmpty();
    }

    @Test
    void prodWithoutDatabaseOrBrokerNamesBothSettings() {
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "prod"), new Properties()))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_DB_URL is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_AMQP_HOST is not set"));
    }

    @Test
    void prodWithEverythingSetPasses() {
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "prod", "LEPTON_DB_URL", "jdbc:postgresql://db/lepton",
                "LEPTON_AMQP_HOST", "broker"), new Properties())).isEmpty();
    }

    @Test
    void systemPropertyProfileWinsOverEnvironmentAndPropertiesCanSupplySettings() {
        Properties props = new Properties();
        props.setProperty("quarkus.profile", "prod");
        props.setProperty("quarkus.datasource.\"postgresql\".jdbc.url", "jdbc:postgresql://db/lepton");
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "embedded"), props))
                .containsExactly("LEPTON_AMQP_HOST is not set: the AMQP 1.0 broker host for events, e.g. rabbitmq or artemis");
    }
}
