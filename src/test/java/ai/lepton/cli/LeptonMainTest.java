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
    void prodWithoutDatabaseBrokerOrFabricNamesEverySetting() {
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "prod"), new Properties()))
                .hasSize(6)
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_DB_URL is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_AMQP_HOST is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_FABRIC_PEER_ENDPOINT is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_FABRIC_MSP_ID is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_FABRIC_CERT is not set"))
                .anySatisfy(p -> assertThat(p).startsWith("LEPTON_FABRIC_KEY is not set"));
    }

    @Test
    void prodWithEverythingSetPasses() {
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "prod", "LEPTON_DB_URL", "jdbc:postgresql://db/lepton",
                "LEPTON_AMQP_HOST", "broker", "LEPTON_FABRIC_PEER_ENDPOINT", "peer0:7051", "LEPTON_FABRIC_MSP_ID",
                "Org1MSP", "LEPTON_FABRIC_CERT", "/etc/lepton/cert.pem", "LEPTON_FABRIC_KEY", "/etc/lepton/key.pem"),
                new Properties())).isEmpty();
    }

    @Test
    void prodWithTheEmbeddedLedgerNeedsNoFabricSettings() {
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "prod", "LEPTON_DB_URL", "jdbc:postgresql://db/lepton",
                "LEPTON_AMQP_HOST", "broker", "LEPTON_LEDGER_MODE", "embedded"), new Properties())).isEmpty();
    }

    @Test
    void systemPropertyProfileWinsOverEnvironmentAndPropertiesCanSupplySettings() {
        Properties props = new Properties();
        props.setProperty("quarkus.profile", "prod");
        props.setProperty("quarkus.datasource.\"postgresql\".jdbc.url", "jdbc:postgresql://db/lepton");
        props.setProperty("lepton.ledger.mode", "embedded");
        assertThat(LeptonMain.preflight(Map.of("QUARKUS_PROFILE", "embedded"), props))
                .containsExactly("LEPTON_AMQP_HOST is not set: the AMQP 1.0 broker host for events, e.g. rabbitmq or artemis");
    }
}
