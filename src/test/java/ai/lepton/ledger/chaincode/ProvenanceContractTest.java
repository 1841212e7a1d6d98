package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link ProvenanceContract} through the shim's contract routing on a {@link TestPeer}. */
class ProvenanceContractTest extends ChaincodeTestSupport {

    static final String SHA_A = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final String SHA_B = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";
    static final String ROOT = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

    @Nested
    class Anchor {

        @Test
        void anchorsTheDigestWithCanonicalMetadataAndEmitsAnEvent() {
            TestPeer.Result result = peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/3", SHA_A,
                    "{ \"source\": \"upload\",\n  \"rows\": 1000, \"cols\": [\"a\", \"b\"] }");

            Map<String, Object> anchor = ok(result);
            assertThat(str(anchor, "subject")).isEqualTo("dataset:acme/sales/3");
            assertThat(str(anchor, "sha256")).isEqualTo(SHA_A);
            assertThat(Json.write(obj(anchor, "metadata"))).isEqualTo(
                    "{\"cols\":[\"a\",\"b\"],\"rows\":1000,\"source\":\"upload\"}");
            assertThat(str(anchor, "anchoredBy", "msp")).isEqualTo(ORG1);
            assertThat(str(anchor, "anchoredBy", "id")).isEqualTo(OPERATOR.id());
            assertThat(str(anchor, "anchoredAt")).isEqualTo(peer.now().toString());
            assertThat(str(anchor, "txId")).isEqualTo(result.txId());
            // the bytes written are the bytes returned, and the event carries them too
            assertThat(result.payloadUtf8()).isEqualTo(Json.write(anchor));
            assertThat(result.eventName()).isEqualTo("ProvenanceAnchored");
            assertThat(result.eventUtf8()).isEqualTo(result.payloadUtf8());
        }

        @Test
        void anchoringTheSameDigestAgainReturnsTheFirstAnchorAndWritesNothing() {
            TestPeer.Result first = peer.submit(OPERATOR, "Provenance:anchor", "model:churn/3", SHA_A,
                    "{\"a\":1}");
            int keys = peer.stateSize();
            peer.advance(Duration.ofHours(1));

            TestPeer.Result again = peer.submit(OPERATOR, "Provenance:anchor", "model:churn/3", SHA_A,
                    "{ \"a\" : 1 }");

            assertThat(again.payloadUtf8()).isEqualTo(first.payloadUtf8());
            assertThat(str(ok(again), "txId")).isEqualTo(first.txId());
            assertThat(again.eventName()).isNull();
            assertThat(peer.stateSize()).isEqualTo(keys);
            assertThat(okList(peer.evaluate(OPERATOR, "Provenance:history", "model:churn/3"))).hasSize(1);
        }

        @Test
        void aDifferentDigestForAnAnchoredSubjectVersionIsRefused() {
            ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, ""));
            String before = peer.evaluate(OPERATOR, "Provenance:get", "dataset:sales/1").payloadUtf8();

            TestPeer.Result result = refused(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_B, ""),
                    ErrorCode.DIGEST_CONFLICT);

            assertThat(result.message()).contains(SHA_A);
            assertThat(peer.evaluate(OPERATOR, "Provenance:get", "dataset:sales/1").payloadUtf8()).isEqualTo(before);
        }

        @Test
        void theSameDigestWithOtherMetadataIsRefused() {
            ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, "{\"rows\":1}"));
            refused(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, "{\"rows\":2}"),
                    ErrorCode.METADATA_CONFLICT);
        }

        @Test
        void anotherVersionOfTheSameSubjectIsIndependent() {
            ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, ""));
            Map<String, Object> v2 = ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/2", SHA_B, ""));
            assertThat(str(v2, "sha256")).isEqualTo(SHA_B);
        }

        @Test
        void onlyTheOperatorMayAnchor() {
            int keys = peer.stateSize();
            refused(peer.submit(ACME, "Provenance:anchor", "dataset:acme/sales/1", SHA_A, ""), ErrorCode.ACCESS_DENIED);
            refused(peer.submit(PLAIN, "Provenance:anchor", "dataset:acme/sales/1", SHA_A, ""),
                    ErrorCode.ACCESS_DENIED);
            refused(peer.submit(ROGUE_OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", SHA_A, ""),
                    ErrorCode.ACCESS_DENIED);
            assertThat(peer.stateSize()).isEqualTo(keys);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "dataset:sales", "dataset:sales/0", "dataset:sales/01", "Dataset:sales/1",
            "dataset:Sales/1", "dataset:-sales/1", "dataset:sales-/1", "dataset:sales/1/", "dataset:/sales/1",
            "dataset:a/b/c/d/e/1", "dataset sales/1", ":sales/1", "1dataset:sales/1", "dataset:sales/*",
            "dataset:sales/1234567890123456789"})
        void malformedSubjectsAreRefused(String subject) {
            int keys = peer.stateSize();
            refused(peer.submit(OPERATOR, "Provenance:anchor", subject, SHA_A, ""), ErrorCode.INVALID_ARGUMENT);
            assertThat(peer.stateSize()).isEqualTo(keys);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a088",
            "zf86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"})
        void malformedDigestsAreRefused(String sha256) {
            refused(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", sha256, ""),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1]", "\"x\"", "42", "{", "{\"a\":1,\"a\":2}", "{\"a\":1} x", "{'a':1}",
            "{\"a\":01}", "{\"a\":\"\\ud800\"}"})
        void metadataThatIsNotACleanJsonObjectIsRefused(String metadata) {
            refused(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, metadata),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void metadataOver16KiBIsRefused() {
            String big = "{\"x\":\"" + "a".repeat(Args.MAX_METADATA_CHARS) + "\"}";
            refused(peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1", SHA_A, big),
                    ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void theDefaultContractAnswersABareFunctionName() {
            Map<String, Object> anchor = ok(peer.submit(OPERATOR, "anchor", "model:churn/3", SHA_A, ""));
            assertThat(str(anchor, "subject")).isEqualTo("model:churn/3");
        }
    }

    @Nested
    class AnchorBatch {

        @Test
        void anchorsAMerkleRootIdempotently() {
            TestPeer.Result first = peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, "1000",
                    "{\"hash\":\"sha256\",\"leaves\":\"sorted\"}");
            Map<String, Object> batch = ok(first);
            assertThat(str(batch, "merkleRoot")).isEqualTo(ROOT);
            assertThat(num(batch, "count")).isEqualTo(1000);
            assertThat(first.eventName()).isEqualTo("BatchAnchored");

            TestPeer.Result again = peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, "1000",
                    "{\"leaves\":\"sorted\",\"hash\":\"sha256\"}");
            assertThat(again.payloadUtf8()).isEqualTo(first.payloadUtf8());
            assertThat(again.eventName()).isNull();
            assertThat(ok(peer.evaluate(MALLORY, "Provenance:getBatch", ROOT))).isEqualTo(batch);
        }

        @Test
        void anAnchoredRootWithAnotherCountIsRefused() {
            ok(peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, "1000", ""));
            refused(peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, "999", ""), ErrorCode.METADATA_CONFLICT);
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "01", "1.5", "", "1e3", "+5", "1000000000001", "99999999999999999999"})
        void malformedCountsAreRefused(String count) {
            refused(peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, count, ""), ErrorCode.INVALID_ARGUMENT);
        }

        @Test
        void onlyTheOperatorMayAnchorABatch() {
            refused(peer.submit(ACME, "Provenance:anchorBatch", ROOT, "10", ""), ErrorCode.ACCESS_DENIED);
        }

    }

    @Nested
    class GetBatch {

        @Test
        void returnsTheBatchAnchorToAnyMember() {
            String anchored = peer.submit(OPERATOR, "Provenance:anchorBatch", ROOT, "7", "").payloadUtf8();
            assertThat(peer.evaluate(MALLORY, "Provenance:getBatch", ROOT).payloadUtf8()).isEqualTo(anchored);
        }

        @Test
        void anUnknownRootIsNotFoundAndAMalformedOneRefused() {
            refused(peer.evaluate(OPERATOR, "Provenance:getBatch", ROOT), ErrorCode.NOT_FOUND);
            refused(peer.evaluate(OPERATOR, "Provenance:getBatch", "nope"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class Get {

        @Test
        void returnsTheAnchorToAnyMember() {
            String anchored = peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/3", SHA_A, "")
                    .payloadUtf8();
            assertThat(peer.evaluate(MALLORY, "Provenance:get", "dataset:acme/sales/3").payloadUtf8())
                    .isEqualTo(anchored);
        }

        @Test
        void allVersionsGivesTheAnchorCommittedLast() {
            ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", SHA_A, ""));
            peer.advance(Duration.ofMinutes(1));
            ok(peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/2", SHA_B, ""));

            Map<String, Object> latest = ok(peer.evaluate(OPERATOR, "Provenance:get", "dataset:acme/sales/*"));
            assertThat(str(latest, "subject")).isEqualTo("dataset:acme/sales/2");
        }

        @Test
        void nothingAnchoredIsNotFound() {
            refused(peer.evaluate(OPERATOR, "Provenance:get", "dataset:acme/sales/1"), ErrorCode.NOT_FOUND);
            refused(peer.evaluate(OPERATOR, "Provenance:get", "dataset:acme/sales/*"), ErrorCode.NOT_FOUND);
        }

        @Test
        void malformedSubjectsAreRefused() {
            refused(peer.evaluate(OPERATOR, "Provenance:get", "dataset:acme/sales"), ErrorCode.INVALID_ARGUMENT);
            refused(peer.evaluate(OPERATOR, "Provenance:get", "dataset:*"), ErrorCode.INVALID_ARGUMENT);
        }
    }

    @Nested
    class History {

        @Test
        void aSubjectVersionHasItsSingleAnchor() {
            TestPeer.Result anchored = peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", SHA_A, "");

            List<Map<String, Object>> history = okList(peer.evaluate(BETA, "Provenance:history",
                    "dataset:acme/sales/1"));

            assertThat(history).hasSize(1);
            assertThat(str(history.get(0), "txId")).isEqualTo(anchored.txId());
            assertThat(str(history.get(0), "timestamp")).isEqualTo(peer.now().toString());
            assertThat(at(history.get(0), "deleted")).isEqualTo(false);
            assertThat(Json.write(obj(history.get(0), "value"))).isEqualTo(anchored.payloadUtf8());
        }

        @Test
        void allVersionsListsEveryAnchorNewestFirst() {
            String[] digests = {SHA_A, SHA_B, ROOT};
            for (int v = 1; v <= 3; v++) {
                ok(peer.submit(OPERATOR, "Provenance:anchor", "model:acme/churn/" + v, digests[v - 1], ""));
                peer.advance(Duration.ofDays(1));
            }
            ok(peer.submit(OPERATOR, "Provenance:anchor", "model:acme/other/1", SHA_A, ""));

            List<Map<String, Object>> history = okList(peer.evaluate(OPERATOR, "Provenance:history",
                    "model:acme/churn/*"));

            assertThat(history).extracting(h -> str(h, "value", "subject"))
                    .containsExactly("model:acme/churn/3", "model:acme/churn/2", "model:acme/churn/1");
            assertThat(history).extracting(h -> str(h, "value", "sha256")).containsExactly(ROOT, SHA_B, SHA_A);
        }

        @Test
        void nothingAnchoredIsAnEmptyHistory() {
            assertThat(peer.evaluate(OPERATOR, "Provenance:history", "dataset:acme/sales/1").payloadUtf8())
                    .isEqualTo("[]");
        }
    }
}
