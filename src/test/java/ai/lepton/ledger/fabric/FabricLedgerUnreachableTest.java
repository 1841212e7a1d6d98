package ai.lepton.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.LedgerUnavailableException;
import ai.lepton.ledger.embedded.LocalCa;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No peer at all: a local port that was just closed, so every connection is refused. */
class FabricLedgerUnreachableTest {

    @TempDir
    Path tmp;

    FabricFixture fx;
    FabricLedger ledger;

    @BeforeEach
    void connectToAClosedPort() throws Exception {
        fx = new FabricFixture(tmp);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ledger = FabricLedger.connect(fx.settings("127.0.0.1:" + port));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void submitIsReportedUnavailableWithItsTxIdAfterEveryAttemptNeverAsAReceipt() {
        LedgerUnavailableException e = catchUnavailable(() -> ledger.submit(ledger.identity("operator"),
                "Provenance:anchor", "model:acme/churn/1", "ab".repeat(32), "{}"));
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.txId()).matches("[0-9a-f]{64}");
        assertThat(e.getMessage()).contains("endorsement of " + e.txId(), "failed 3 time(s)", "UNAVAILABLE");
        assertThat(e).isInstanceOf(LedgerException.class);
    }

    @Test
    void evaluateIsReportedUnavailableAfterEveryAttempt() {
        LedgerUnavailableException e = catchUnavailable(() -> ledger.evaluate(ledger.identity("demo"),
                "Provenance:get", "model:acme/churn/1"));
        assertThat(e.attempts()).isEqualTo(3);
        assertThat(e.getMessage()).contains("evaluation of " + e.txId(), "UNAVAILABLE");
    }

    @Test
    void heightAndVerifyAreReportedUnavailable() {
        assertThat(catchUnavailable(ledger::height).getMessage()).contains("qscc GetChainInfo");
        assertThat(catchUnavailable(ledger::verify).attempts()).isEqualTo(3);
    }

    @Test
    void submitAllStopsAtTheFirstUnavailableSubmission() {
        assertThatThrownBy(() -> ledger.submitAll(ledger.identity("operator"),
                java.util.List.of(ai.lepton.ledger.api.Invocation.of("Provenance:anchor", "a"),
                        ai.lepton.ledger.api.Invocation.of("Provenance:anchor", "b"))))
                .isInstanceOf(LedgerUnavailableException.class);
    }

    @Test
    void anIdentityWithoutConfiguredKeyIsRefusedNamingItsMspAndSubject() {
        LedgerIdentity stranger = LocalCa.open(tmp.resolve("other-ca"), "Org2MSP").project("stranger");
        assertThatThrownBy(() -> ledger.submit(stranger, "Provenance:anchor", "x"))
                .isInstanceOf(LedgerException.class)
                .isNotInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("Org2MSP")
                .hasMessageContaining("CN=stranger");
    }

    @Test
    void aConfiguredCertificateUnderAnotherMspIsRefused() {
        LedgerIdentity op = ledger.identity("operator");
        assertThatThrownBy(() -> ledger.evaluate(new LedgerIdentity("Org2MSP", op.certificatePem()), "f"))
                .isInstanceOf(LedgerException.class)
                .hasMessageContaining("configured as 'operator' of MSP Org1MSP, not of MSP Org2MSP");
    }

    @Test
    void aClosedLedgerRefusesWork() {
        ledger.close();
        assertThatThrownBy(() -> ledger.evaluate(ledger.identity("operator"), "f"))
                .isInstanceOf(LedgerException.class).hasMessageContaining("is closed");
    }

    private static LedgerUnavailableException catchUnavailable(Runnable r) {
        try {
            r.run();
        } catch (LedgerUnavailableException e) {
            return e;
        }
        throw new AssertionError("expected LedgerUnavailableException");
    }

    private static LedgerUnavailableException catchUnavailable(java.util.function.Supplier<?> s) {
        return catchUnavailable((Runnable) s::get);
    }
}
