package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link DataSharingContract} through the shim's contract routing on a {@link TestPeer}. Project acme owns
 * {@code acme/sales} and {@code acme/churn}; beta and gamma are other projects.
 */
class DataSharingContractTest extends ChaincodeTestSupport {

    static final String UNTIL = "2025-06-01T00:00:00Z";

    TestPeer.Result grant(TestIdentity who, String dataset, String grantee, String purpose, String until) {
        return peer.submit(who, "DataSharing:grant", dataset, grantee, purpose, until);
    }

    Map<String, Object> check(TestIdentity who, String dataset, String project, String purpose) {
        return ok(peer.submit(who, "DataSharing:checkAccess", dataset, project, purpose));
    }

    @Nested
    class Grant {

        @Test
        void theOwnerProjectGrantsAccessForAPurposeUntilAnInstant() {
            TestPeer.Result result = grant(ACME, "acme/sales", "beta", "training", "2025-06-01T00:00:00.000Z");

            Map<String, Object> grant = ok(result);
            assertThat(str(grant, "dataset")).isEqualTo("acme/sales");
            assertThat(str(grant, "ownerProject")).isEqualTo("acme");
            assertThat(str(grant, "grantee")).isEqualTo("beta");
            assertThat(str(grant, "purpose")).isEqualTo("training");
            assertThat(str(grant, "expiresAt")).isEqualTo(UNTIL);
            assertThat(str(grant, "status")).isEqualTo("ACTIVE");
            assertThat(str(grant, "grantedBy", "project")).isEqualTo("acme");
            assertThat(str(grant, "grantedAt")).isEqualTo(peer.now().toString());
            assertThat(str(grant, "txId")).isEqualTo(result.txId());
            assertThat(result.eventName()).isEqualTo("AccessGranted");
        }

        @Test
        void theOperatorMayGrantOnTheOwnersBehalf() {
            Map<String, Object> grant = ok(grant(OPERATOR, "acme/sales", "beta", "training", UNTIL));
            assertThat(str(grant, "grantedBy", "id")).isEqualTo(OPERATOR.id());
            assertThat(grant).doesNotContainKey("revokedBy");
        }

        @Test
        void nobodyElseMayGrant() {
            refused(grant(BETA, "acme/sales", "beta", "training", UNTIL), ErrorCode.ACCESS_DENIED);
            refused(grant(GAMMA, "acme/sales", "beta", "training", UNTIL), ErrorCode.ACCESS_DENIED);
            refused(grant(PLAIN, "acme/sales", "beta", "training", UNTIL), ErrorCode.ACCESS_DENIED);
            // an untrusted MSP's CA cannot make its users members of acme
            refused(grant(ROGUE_ACME, "acme/sales", "beta", "training", UNTIL), ErrorCode.ACCESS_DENIED);
            assertThat(peer.keys()).noneMatch(k -> k.contains("grant"));
        }

        @Test
        void grantingAgainReplacesTheExpiryAndReactivatesARevokedGrant() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            ok(peer.submit(ACME, "DataSharing:revoke", "acme/sales", "beta", "training"));
            peer.advance(Duration.ofDays(1));

            Map<String, Object> grant = ok(grant(ACME, "acme/sales", "beta", "training", "2025-12-01T00:00:00Z"));

            assertThat(str(grant, "status")).isEqualTo("ACTIVE");
            assertThat(str(grant, "expiresAt")).isEqualTo("2025-12-01T00:00:00Z");
            assertThat(grant).doesNotContainKeys("revokedBy", "revokedAt");
            assertThat(okList(peer.evaluate(ACME, "DataSharing:listByDataset", "acme/sales"))).hasSize(1);
        }

        @Test
        void anExpiryNotAfterTheTransactionIsRefused() {
            refused(grant(ACME, "acme/sales", "beta", "training", peer.now().toString()), ErrorCode.INVALID_ARGUMENT);
            refused(grant(ACME, "acme/sales", "beta", "training", "2024-01-01T00:00:00Z"),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void theOwnerNeedsNoGrant() {
            refused(grant(ACME, "acme/sales", "acme", "training", UNTIL), ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @CsvSource({
            "sales, beta, training, 2025-06-01T00:00:00Z",
            "acme/sales/1, beta, training, 2025-06-01T00:00:00Z",
            "Acme/sales, beta, training, 2025-06-01T00:00:00Z",
            "acme/sales, Beta, training, 2025-06-01T00:00:00Z",
            "acme/sales, beta, model training, 2025-06-01T00:00:00Z",
            "acme/sales, beta, training, 2025-06-01",
            "acme/sales, beta, training, tomorrow"})
        void malformedArgumentsAreRefused(String dataset, String grantee, String purpose, String until) {
            refused(grant(ACME, dataset, grantee, purpose, until), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Revoke {

        @Test
        void theOwnerRevokesAndTheGrantRecordsWhoAndWhen() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            peer.advance(Duration.ofHours(2));

            TestPeer.Result result = peer.submit(ACME, "DataSharing:revoke", "acme/sales", "beta", "training");

            Map<String, Object> grant = ok(result);
            assertThat(str(grant, "status")).isEqualTo("REVOKED");
            assertThat(str(grant, "revokedBy", "id")).isEqualTo(ACME.id());
            assertThat(str(grant, "revokedAt")).isEqualTo(peer.now().toString());
            assertThat(str(grant, "txId")).isEqualTo(result.txId());
            assertThat(result.eventName()).isEqualTo("AccessRevoked");
        }

        @Test
        void revokingARevokedGrantReturnsItUnchanged() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            String revoked = peer.submit(OPERATOR, "DataSharing:revoke", "acme/sales", "beta", "training")
                    .payloadUtf8();
            TestPeer.Result again = peer.submit(ACME, "DataSharing:revoke", "acme/sales", "beta", "training");
            assertThat(again.payloadUtf8()).isEqualTo(revoked);
            assertThat(again.eventName()).isNull();
        }

        @Test
        void theGranteeCannotRevokeAndAnUnknownGrantIsNotFound() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            refused(peer.submit(BETA, "DataSharing:revoke", "acme/sales", "beta", "training"),
                    ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ACME, "DataSharing:revoke", "acme/sales", "beta", "inference"),
                    ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class CheckAccess {

        @Test
        void anActiveGrantAllowsItsPurposeAndTheDecisionIsRecordedUnderTheTxId() {
            Map<String, Object> grant = ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            peer.advance(Duration.ofDays(1));

            TestPeer.Result result = peer.submit(BETA, "DataSharing:checkAccess", "acme/sales", "beta", "training");

            Map<String, Object> decision = ok(result);
            assertThat(at(decision, "allowed")).isEqualTo(true);
            assertThat(str(decision, "reason")).isEqualTo("GRANTED");
            assertThat(str(decision, "expiresAt")).isEqualTo(UNTIL);
            assertThat(str(decision, "grantTxId")).isEqualTo(str(grant, "txId"));
            assertThat(str(decision, "askedBy", "project")).isEqualTo("beta");
            assertThat(str(decision, "decidedAt")).isEqualTo(peer.now().toString());
            assertThat(str(decision, "txId")).isEqualTo(result.txId());
            assertThat(result.eventName()).isEqualTo("AccessDecided");
            assertThat(peer.evaluate(MALLORY, "DataSharing:getDecision", result.txId()).payloadUtf8())
                    .isEqualTo(result.payloadUtf8());
        }

        @Test
        void deniedDecisionsAreRecordedToo() {
            TestPeer.Result result = peer.submit(BETA, "DataSharing:checkAccess", "acme/sales", "beta", "training");

            Map<String, Object> decision = ok(result);
            assertThat(at(decision, "allowed")).isEqualTo(false);
            assertThat(str(decision, "reason")).isEqualTo("NO_GRANT");
            assertThat(decision).doesNotContainKeys("expiresAt", "grantTxId");
            assertThat(ok(peer.evaluate(OPERATOR, "DataSharing:getDecision", result.txId()))).isEqualTo(decision);
        }

        @Test
        void aGrantIsBoundToItsPurposeAndDataset() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            assertThat(str(check(BETA, "acme/sales", "beta", "inference"), "reason")).isEqualTo("NO_GRANT");
            assertThat(str(check(BETA, "acme/churn", "beta", "training"), "reason")).isEqualTo("NO_GRANT");
        }

        @Test
        void aGrantExpiresAtItsInstant() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            Instant until = Instant.parse(UNTIL);

            peer.at(until.minusNanos(1));
            assertThat(str(check(BETA, "acme/sales", "beta", "training"), "reason")).isEqualTo("GRANTED");
            peer.at(until);
            Map<String, Object> expired = check(BETA, "acme/sales", "beta", "training");
            assertThat(at(expired, "allowed")).isEqualTo(false);
            assertThat(str(expired, "reason")).isEqualTo("EXPIRED");
        }

        @Test
        void aRevokedGrantDenies() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            ok(peer.submit(ACME, "DataSharing:revoke", "acme/sales", "beta", "training"));
            Map<String, Object> decision = check(OPERATOR, "acme/sales", "beta", "training");
            assertThat(at(decision, "allowed")).isEqualTo(false);
            assertThat(str(decision, "reason")).isEqualTo("REVOKED");
        }

        @Test
        void theOwnerIsAlwaysAllowed() {
            Map<String, Object> decision = check(ACME, "acme/sales", "acme", "anything");
            assertThat(at(decision, "allowed")).isEqualTo(true);
            assertThat(str(decision, "reason")).isEqualTo("OWNER");
        }

        @Test
        void theOwnerAndTheOperatorMayAskAboutAnotherProject() {
            assertThat(str(check(ACME, "acme/sales", "beta", "training"), "reason")).isEqualTo("NO_GRANT");
            assertThat(str(check(OPERATOR, "acme/sales", "beta", "training"), "reason")).isEqualTo("NO_GRANT");
        }

        @Test
        void nobodyElseMayAsk() {
            int keys = peer.stateSize();
            refused(peer.submit(GAMMA, "DataSharing:checkAccess", "acme/sales", "beta", "training"),
                    ErrorCode.ACCESS_DENIED);
            refused(peer.submit(MALLORY, "DataSharing:checkAccess", "acme/sales", "beta", "training"),
                    ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ROGUE_ACME, "DataSharing:checkAccess", "acme/sales", "beta", "training"),
                    ErrorCode.ACCESS_DENIED);
            assertThat(peer.stateSize()).isEqualTo(keys);
        }

    }

    @Nested
    class GetDecision {

        @Test
        void anyMemberReadsARecordedDecision() {
            TestPeer.Result asked = peer.submit(OPERATOR, "DataSharing:checkAccess", "acme/sales", "beta", "training");
            assertThat(peer.evaluate(MALLORY, "DataSharing:getDecision", asked.txId()).payloadUtf8())
                    .isEqualTo(asked.payloadUtf8());
        }

        @Test
        void anEvaluatedCheckRecordsNothing() {
            TestPeer.Result evaluated = peer.evaluate(OPERATOR, "DataSharing:checkAccess", "acme/sales", "beta",
                    "training");
            assertThat(evaluated.ok()).isTrue();
            refused(peer.evaluate(OPERATOR, "DataSharing:getDecision", evaluated.txId()), ErrorCode.NOT_FOUND);
        }

        @Test
        void anUnknownDecisionIsNotFoundAndAMalformedIdRefused() {
            refused(peer.evaluate(OPERATOR, "DataSharing:getDecision", "0".repeat(64)), ErrorCode.NOT_FOUND);
            refused(peer.evaluate(OPERATOR, "DataSharing:getDecision", "not a tx"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class ListByDataset {

        @Test
        void grantsAreListedByGranteeThenPurposeWhateverTheirState() {
            ok(grant(ACME, "acme/sales", "gamma", "training", UNTIL));
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            ok(grant(ACME, "acme/sales", "beta", "evaluation", UNTIL));
            ok(grant(ACME, "acme/churn", "beta", "training", UNTIL));
            ok(grant(ACME, "acme/sales2", "beta", "training", UNTIL));
            ok(peer.submit(ACME, "DataSharing:revoke", "acme/sales", "gamma", "training"));

            List<Map<String, Object>> grants = okList(peer.evaluate(MALLORY, "DataSharing:listByDataset",
                    "acme/sales"));

            assertThat(grants).extracting(g -> str(g, "grantee") + "/" + str(g, "purpose") + "/" + str(g, "status"))
                    .containsExactly("beta/evaluation/ACTIVE", "beta/training/ACTIVE", "gamma/training/REVOKED");
        }

        @Test
        void aMalformedDatasetIsRefused() {
            refused(peer.evaluate(BETA, "DataSharing:listByDataset", "sales"), ErrorCode.INVALID_ARGUMENT);
            assertThat(okList(peer.evaluate(BETA, "DataSharing:listByDataset", "acme/nothing"))).isEmpty();
        }
    }

    @Nested
    class ListByGrantee {

        @Test
        void grantsAreListedByDatasetThenPurpose() {
            ok(grant(ACME, "acme/sales", "beta", "training", UNTIL));
            ok(grant(ACME, "acme/churn", "beta", "training", UNTIL));
            ok(grant(ACME, "acme/churn", "beta", "evaluation", UNTIL));
            ok(grant(ACME, "acme/churn", "gamma", "evaluation", UNTIL));

            List<Map<String, Object>> grants = okList(peer.evaluate(BETA, "DataSharing:listByGrantee", "beta"));

            assertThat(grants).extracting(g -> str(g, "dataset") + "/" + str(g, "purpose"))
                    .containsExactly("acme/churn/evaluation", "acme/churn/training", "acme/sales/training");
            assertThat(okList(peer.evaluate(BETA, "DataSharing:listByGrantee", "bet"))).isEmpty();
        }

        @Test
        void aMalformedProjectIsRefused() {
            refused(peer.evaluate(BETA, "DataSharing:listByGrantee", "Beta"), ErrorCode.INVALID_ARGUMENT);
        }
    }
}
