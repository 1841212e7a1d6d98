package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FabricSettingsTest {

    @TempDir
    Path tmp;

    FabricFixture fx;

    @BeforeEach
    void identities() {
        fx = new FabricFixture(tmp);
    }

    private FabricSettings with(String endpoint, Optional<Path> tls, Optional<String> authority, String channel,
            String chaincode, List<FabricIdentity> ids, Path checkpoints) {
        return new FabricSettings(endpoint, tls, authority, channel, chaincode, ids, checkpoints, null, null);
    }

    private static FabricConfigException invalid(FabricSettings s) {
        try {
            s.validate();
        } catch (FabricConfigException e) {
            return e;
        }
        throw new AssertionError("settings passed validation: " + s);
    }

    @Test
    void completeSettingsPassAndDefaultTheDeadlinesTo5And15And5And60Seconds() {
        FabricSettings s = with("localhost:7051", Optional.of(fx.dir.resolve("ca/ca-cert.pem")),
                Optional.of("peer0.org1.lepton.local"), "lepton", "lepton", List.of(fx.operator(), fx.demo()),
                tmp.resolve("cp"));
        assertThat(s.validate()).isSameAs(s);
        assertThat(s.deadlines()).isEqualTo(new FabricSettings.Deadlines(Duration.ofSeconds(5),
                Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(60)));
        assertThat(s.retry()).isEqualTo(FabricSettings.Retry.DEFAULTS);
        assertThat(Files.isDirectory(tmp.resolve("cp"))).isTrue();
        FabricSettings.Loaded loaded = s.load();
        assertThat(loaded.identities()).extracting(FabricSettings.Credentials::name).containsExactly("operator",
                "demo");
        assertThat(loaded.tlsCa()).isPresent();
    }

    @Test
    void namesEveryMissingKeyAtOnce() {
        FabricConfigException e = invalid(with(null, null, null, " ", null, null, null));
        assertThat(e.problems()).hasSize(5);
        assertThat(e.getMessage()).contains("lepton.ledger.fabric.peer-endpoint: missing",
                "lepton.ledger.fabric.channel: missing", "lepton.ledger.fabric.chaincode: missing",
                "lepton.ledger.fabric.checkpoint-dir: missing",
                "lepton.ledger.fabric.identities.operator.msp-id, lepton.ledger.fabric.identities.operator.cert, "
                        + "lepton.ledger.fabric.identities.operator.key: missing");
    }

    @Test
    void namesEachMissingIdentityKey() {
        FabricIdentity op = fx.operator();
        for (var c : List.of(
                new Object[] {new FabricIdentity("operator", null, op.certificatePath(), op.privateKeyPath()),
                    "lepton.ledger.fabric.identities.operator.msp-id: missing"},
                new Object[] {new FabricIdentity("operator", "Org1MSP", null, op.privateKeyPath()),
                    "lepton.ledger.fabric.identities.operator.cert: missing"},
                new Object[] {new FabricIdentity("operator", "Org1MSP", op.certificatePath(), null),
                    "lepton.ledger.fabric.identities.operator.key: missing"})) {
            FabricConfigException e = invalid(with("localhost:7051", null, null, "lepton", "lepton",
                    List.of((FabricIdentity) c[0]), tmp));
            assertThat(e.problems()).singleElement().asString().startsWith((String) c[1]);
        }
    }

    @Test
    void requiresTheOperatorIdentityEvenWhenOthersAreConfigured() {
        FabricConfigException e = invalid(with("localhost:7051", null, null, "lepton", "lepton", List.of(fx.demo()),
                tmp));
        assertThat(e.problems()).singleElement().asString()
                .contains("lepton.ledger.fabric.identities.operator.cert").contains("required");
    }

    @Test
    void rejectsAnEndpointThatIsNotHostAndPort() {
        for (String bad : List.of("localhost", "localhost:abc", "localhost:70510", "grpcs://peer0:7051")) {
            FabricConfigException e = invalid(with(bad, null, null, "lepton", "lepton", List.of(fx.operator()),
                    tmp));
            assertThat(e.problems()).singleElement().asString()
                    .isEqualTo("lepton.ledger.fabric.peer-endpoint: '" + bad + "' is not host:port");
        }
        with("[::1]:7051", null, null, "lepton", "lepton", List.of(fx.operator()), tmp).validate();
    }

    @Test
    void unreadableFilesAreNamedWithTheirKeyAndPath() {
        Path nowhere = tmp.resolve("missing/cert.pem");
        FabricIdentity op = fx.operator();
        FabricConfigException e = invalid(with("localhost:7051", Optional.of(tmp.resolve("no-ca.pem")), null,
                "lepton", "lepton", List.of(new FabricIdentity("operator", "Org1MSP", nowhere, op.privateKeyPath())),
                tmp));
        assertThat(e.problems()).containsExactly(
                "lepton.ledger.fabric.tls-ca-cert: cannot read " + tmp.resolve("no-ca.pem") + " (NoSuchFileException)",
                "lepton.ledger.fabric.identities.operator.cert: cannot read " + nowhere + " (NoSuchFileException)");
    }

    @Test
    void garbageInsteadOfPemIsNamedWithItsKeyAndPath() throws Exception {
        Path garbage = Files.writeString(tmp.resolve("garbage.pem"),
                "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        Path text = Files.writeString(tmp.resolve("text.pem"), "hello\n");
        FabricConfigException e = invalid(with("localhost:7051", null, null, "lepton", "lepton",
                List.of(new FabricIdentity("operator", "Org1MSP", garbage, text)), tmp));
        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith("lepton.ledger.fabric.identities.operator.cert: " + garbage
                + " is not a PEM X.509 certificate");
        assertThat(e.problems().get(1)).startsWith("lepton.ledger.fabric.identities.operator.key: " + text);
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() {
        FabricIdentity op = fx.operator();
        FabricIdentity mixed = new FabricIdentity("operator", "Org1MSP", op.certificatePath(),
                fx.demo().privateKeyPath());
        FabricConfigException e = invalid(with("localhost:7051", null, null, "lepton", "lepton", List.of(mixed),
                tmp));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("lepton.ledger.fabric.identities.operator.key: the private key in "
                        + fx.demo().privateKeyPath() + " does not belong to the certificate in "
                        + op.certificatePath())
                .contains("CN=operator");
    }

    @Test
    void overrideAuthorityNeedsTls() {
        FabricConfigException e = invalid(with("localhost:7051", Optional.empty(), Optional.of("peer0"), "lepton",
                "lepton", List.of(fx.operator()), tmp));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("lepton.ledger.fabric.override-authority: set, but lepton.ledger.fabric.tls-ca-cert");
    }

    @Test
    void aCheckpointDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        FabricConfigException e = invalid(with("localhost:7051", null, null, "lepton", "lepton",
                List.of(fx.operator()), file));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("lepton.ledger.fabric.checkpoint-dir: " + file + " is not a writable directory");
    }

    @Test
    void deadlinesAndRetriesMustBeUsable() {
        FabricSettings s = new FabricSettings("localhost:7051", null, null, "lepton", "lepton",
                List.of(fx.operator()), tmp, new FabricSettings.Deadlines(Duration.ZERO, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(-1)), new FabricSettings.Retry(0, Duration.ZERO));
        assertThat(invalid(s).problems()).containsExactly(
                "lepton.ledger.fabric.deadlines.evaluate: PT0S (a positive duration)",
                "lepton.ledger.fabric.deadlines.commit-status: PT-1S (a positive duration)",
                "lepton.ledger.fabric.retry.attempts: 0 (at least 1: the first try counts)");
    }

    @Test
    void backoffDoublesUpToThirtySeconds() {
        FabricSettings.Retry r = new FabricSettings.Retry(10, Duration.ofMillis(500));
        assertThat(r.backoff(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(r.backoff(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(r.backoff(4)).isEqualTo(Duration.ofSeconds(4));
        assertThat(r.backoff(9)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void connectRefusesInvalidSettingsBeforeOpeningAnything() {
        assertThatThrownBy(() -> FabricLedger.connect(with("localhost:7051", null, null, null, "lepton",
                List.of(fx.operator()), tmp)))
                .isInstanceOf(FabricConfigException.class)
                .hasMessage("lepton.ledger.mode=fabric cannot start: lepton.ledger.fabric.channel: missing (the "
                        + "Fabric channel name)");
    }
}
