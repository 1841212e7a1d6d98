package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared cast and helpers of the contract tests. Two organisations: {@code Org1MSP}, the platform operator's, whose
 * CA issues the operator and project identities, and {@code Org2MSP}, a partner (a capacity provider). Every test
 * runs against a fresh {@link TestPeer} on which governance trusts {@code Org1MSP}.
 */
abstract class ChaincodeTestSupport {

    static final String ORG1 = "Org1MSP";
    static final String ORG2 = "Org2MSP";

    static final TestIdentity.Ca ORG1_CA = TestIdentity.ca(ORG1);
    static final TestIdentity.Ca ORG2_CA = TestIdentity.ca(ORG2);

    /** The platform operator. */
    static final TestIdentity OPERATOR = ORG1_CA.issue("lepton-operator", Map.of("lepton.role", "operator"));
    /** A member of project acme, which owns the datasets in these tests. */
    static final TestIdentity ACME = ORG1_CA.issue("alice", Map.of("lepton.project", "acme"));
    /** A member of project beta. */
    static final TestIdentity BETA = ORG1_CA.issue("bob", Map.of("lepton.project", "beta"));
    /** A member of project gamma, unrelated to everything. */
    static final TestIdentity GAMMA = ORG1_CA.issue("grace", Map.of("lepton.project", "gamma"));
    /** An Org1 client without attributes. */
    static final TestIdentity PLAIN = ORG1_CA.issue("plain-client");
    /** A capacity provider of the partner organisation. */
    static final TestIdentity PROVIDER = ORG2_CA.issue("gpu-provider");
    /** Someone of the partner organisation with no stake in anything. */
    static final TestIdentity MALLORY = ORG2_CA.issue("mallory");
    /** The partner's CA minted itself the operator role: its MSP is not trusted for it. */
    static final TestIdentity ROGUE_OPERATOR = ORG2_CA.issue("rogue", Map.of("lepton.role", "operator"));
    /** The partner's CA minted itself a membership of acme. */
    static final TestIdentity ROGUE_ACME = ORG2_CA.issue("rogue-acme", Map.of("lepton.project", "acme"));

    TestPeer peer;

    @BeforeEach
    void freshPeerWithGovernance() {
        peer = new TestPeer();
        ok(peer.submit(OPERATOR, "Governance:configure", "[\"" + ORG1 + "\"]"));
    }

    /** Asserts success and returns the payload parsed. */
    static Map<String, Object> ok(TestPeer.Result result) {
        assertThat(result.ok()).as("%s", result).isTrue();
        return Json.parseObject(result.payloadUtf8());
    }

    /** Asserts success and returns the payload, a JSON array, parsed. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> okList(TestPeer.Result result) {
        assertThat(result.ok()).as("%s", result).isTrue();
        return (List<Map<String, Object>>) (List<?>) Json.parse(result.payloadUtf8());
    }

    /** Asserts a refusal with {@code code}: the payload is the code, the message starts with it. */
    static TestPeer.Result refused(TestPeer.Result result, ErrorCode code) {
        assertThat(result.ok()).as("%s", result).isFalse();
        assertThat(result.errorCode()).as("%s", result).isEqualTo(code.name());
        assertThat(result.message()).startsWith(code.name() + ": ");
        assertThat(result.eventName()).isNull();
        return result;
    }

    /** A member of a parsed object, down a path of member names. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> object, String... path) {
        Object value = object;
        for (String p : path) {
            value = ((Map<String, Object>) value).get(p);
        }
        return value;
    }

    /** An object member. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Map<String, Object> object, String... path) {
        return (Map<String, Object>) at(object, path);
    }

    /** A string member. */
    static String str(Map<String, Object> object, String... path) {
        return (String) at(object, path);
    }

    /** An integer member. */
    static long num(Map<String, Object> object, String... path) {
        return ((java.math.BigInteger) at(object, path)).longValueExact();
    }
}
