package ai.lepton.ledger.fabric;

import ai.lepton.ledger.embedded.LocalCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Real X.509 identities for the Fabric client tests, issued by the embedded ledger's {@link LocalCa} (EC P-256, PEM
 * files), and settings built on them with short deadlines and backoff.
 */
final class FabricFixture {

    static final String MSP = "Org1MSP";
    static final String CHANNEL = "lepton";
    static final String CHAINCODE = "lepton";

    final LocalCa ca;
    final Path dir;

    FabricFixture(Path dir) {
        this.dir = dir;
        this.ca = LocalCa.open(dir.resolve("ca"), MSP);
        ca.operator();
        ca.project("demo");
    }

    FabricIdentity operator() {
        return new FabricIdentity("operator", MSP, dir.resolve("ca/operator-cert.pem"), ca.privateKeyFile("operator"));
    }

    FabricIdentity demo() {
        return new FabricIdentity("demo", MSP, dir.resolve("ca/project-demo-cert.pem"), ca.privateKeyFile("demo"));
    }

    FabricSettings settings(String endpoint) {
        return settings(endpoint, new FabricSettings.Deadlines(Duration.ofSeconds(2), Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2)));
    }

    FabricSettings settings(String endpoint, FabricSettings.Deadlines deadlines) {
        return new FabricSettings(endpoint, Optional.empty(), Optional.empty(), CHANNEL, CHAINCODE,
                List.of(operator(), demo()), dir.resolve("checkpoints"), deadlines,
                new FabricSettings.Retry(3, Duration.ofMillis(10)));
    }
}
