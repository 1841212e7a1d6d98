package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.LedgerUnavailableException;
import ai.lepton.ledger.embedded.LocalCa;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The channel's TLS: the stand-in peer serves a certificate from its own CA whose only name is {@code peer0} (its
 * common name), so the client must trust that CA and expect that name instead of {@code localhost}.
 */
class FabricTlsTest {

    @TempDir
    Path tmp;

    FabricFixture fx;
    StandInPeer peer;
    LocalCa peerCa;

    @BeforeEach
    void start() throws Exception {
        fx = new FabricFixture(tmp);
        peerCa = LocalCa.open(tmp.resolve("peer-tls-ca"));
        peerCa.project("peer0");
        peer = new StandInPeer(TlsServerCredentials.create(tmp.resolve("peer-tls-ca/project-peer0-cert.pem").toFile(),
                peerCa.privateKeyFile("peer0").toFile()));
    }

    @AfterEach
    void stop() throws Exception {
        peer.close();
    }

    private FabricSettings tls(Path ca, String authority) {
        FabricSettings s = fx.settings(peer.endpoint());
        return new FabricSettings(s.peerEndpoint(), Optional.of(ca), Optional.ofNullable(authority), s.channel(),
                s.chaincode(), s.identities(), s.checkpointDirectory(), s.deadlines(), s.retry());
    }

    @Test
    void talksToAPeerWhoseCertificateItsCaIssuedUnderTheOverriddenName() {
        try (FabricLedger ledger = FabricLedger.connect(tls(tmp.resolve("peer-tls-ca/ca-cert.pem"), "peer0"))) {
            assertThat(ledger.evaluate(ledger.identity("operator"), "Governance:config").ok()).isTrue();
        }
        assertThat(peer.evaluateCalls).hasValue(1);
    }

    @Test
    void aPeerCertificateFromAnotherCaIsNeverTrusted() {
        try (FabricLedger ledger = FabricLedger.connect(tls(tmp.resolve("ca/ca-cert.pem"), "peer0"))) {
            assertThatThrownBy(() -> ledger.evaluate(ledger.identity("operator"), "Governance:config"))
                    .isInstanceOf(LedgerUnavailableException.class).hasMessageContaining("UNAVAILABLE");
        }
        assertThat(peer.evaluateCalls).hasValue(0);
    }

    @Test
    void aPeerCertificateForAnotherNameIsNeverTrusted() {
        try (FabricLedger ledger = FabricLedger.connect(tls(tmp.resolve("peer-tls-ca/ca-cert.pem"), null))) {
            assertThatThrownBy(() -> ledger.evaluate(ledger.identity("operator"), "Governance:config"))
                    .isInstanceOf(LedgerUnavailableException.class);
        }
        assertThat(peer.evaluateCalls).hasValue(0);
    }
}
