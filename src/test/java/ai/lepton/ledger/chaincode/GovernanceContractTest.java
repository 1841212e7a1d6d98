package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link GovernanceContract} through the shim's contract router on a {@link TestPeer}. */
class GovernanceContractTest extends ChaincodeTestSupport {

    @Nested
    class Configure {

        @Test
        void firstConfigurationByAnOperatorIdentityOfAListedMspBootstrapsTrust() {
            TestPeer fresh = new TestPeer();
            TestPeer.Result result = fresh.submit(OPERATOR, "Governance:configure", "[\"Org1MSP\", \"Org3MSP\"]");

            Map<String, Object> config = ok(result);
            assertThat(at(config, "operatorMsps")).isEqualTo(List.of("Org1MSP", "Org3MSP"));
            assertThat(at(config, "configuredBy", "msp")).isEqualTo(ORG1);
            assertThat(at(config, "configuredBy", "id")).isEqualTo(OPERATOR.id());
            assertThat(at(config, "configuredAt")).isEqualTo(fresh.now().toString());
            assertThat(at(config, "txId")).isEqualTo(result.txId());
            assertThat(result.eventName()).isEqualTo("GovernanceConfigured");
            assertThat(ok(fresh.evaluate(MALLORY, "Governance:config"))).isEqualTo(config);
        }

        @Test
        void msIdsAreStoredSortedWithoutDuplicates() {
            TestPeer fresh = new TestPeer();
            Map<String, Object> config = ok(fresh.submit(OPERATOR, "Governance:configure",
                    "[\"Org3MSP\",\"Org1MSP\",\"Org3MSP\"]"));
            assertThat(at(config, "operatorMsps")).isEqualTo(List.of("Org1MSP", "Org3MSP"));
        }

        @Test
        void firstConfigurationWithoutTheOperatorAttributeIsRefused() {
            TestPeer fresh = new TestPeer();
            refused(fresh.submit(PLAIN, "Governance:configure", "[\"Org1MSP\"]"), ErrorCode.ACCESS_DENIED);
            refused(fresh.submit(ACME, "Governance:configure", "[\"Org1MSP\"]"), ErrorCode.ACCESS_DENIED);
            assertThat(fresh.stateSize()).isZero();
        }

        @Test
        void aListWithoutTheCallersMspIsRefused() {
            TestPeer fresh = new TestPeer();
            refused(fresh.submit(ROGUE_OPERATOR, "Governance:configure", "[\"Org1MSP\"]"),
                    ErrorCode.INVALID_ARGUMENT);
            assertThat(fresh.stateSize()).isZero();
        }

        @Test
        void reconfigurationNeedsTheOperatorOfTheCurrentConfiguration() {
            refused(peer.submit(ROGUE_OPERATOR, "Governance:configure", "[\"Org2MSP\"]"), ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ACME, "Governance:configure", "[\"Org1MSP\",\"Org2MSP\"]"), ErrorCode.ACCESS_DENIED);

            Map<String, Object> config = ok(peer.submit(OPERATOR, "Governance:configure",
                    "[\"Org1MSP\",\"Org2MSP\"]"));
            assertThat(at(config, "operatorMsps")).isEqualTo(List.of("Org1MSP", "Org2MSP"));
            // Org2's operator attribute is honoured from now on
            ok(peer.submit(ROGUE_OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", "a".repeat(64), ""));
        }

        @Test
        void theOperatorCannotLockItselfOut() {
            refused(peer.submit(OPERATOR, "Governance:configure", "[\"Org2MSP\"]"), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void malformedListsAreRefused() {
            for (String bad : List.of("", "Org1MSP", "[]", "{\"msp\":\"Org1MSP\"}", "[1]", "[\"Org 1\"]",
                    "[\"Org1MSP\"", "[\"-Org1\"]")) {
                refused(peer.submit(OPERATOR, "Governance:configure", bad), ErrorCode.INVALID_ARGUMENT);
            }
        }
    }

    @Nested
    class Config {

        @Test
        void isRefusedAsNotConfiguredOnAFreshLedger() {
            refused(new TestPeer().evaluate(OPERATOR, "Governance:config"), ErrorCode.NOT_CONFIGURED);
        }

        @Test
        void attributesAreNotHonouredBeforeConfiguration() {
            TestPeer fresh = new TestPeer();
            refused(fresh.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", "a".repeat(64), ""),
                    ErrorCode.NOT_CONFIGURED);
            refused(fresh.submit(ACME, "DataSharing:grant", "acme/sales", "beta", "training",
                    "2030-01-01T00:00:00Z"), ErrorCode.NOT_CONFIGURED);
        }
    }
}
