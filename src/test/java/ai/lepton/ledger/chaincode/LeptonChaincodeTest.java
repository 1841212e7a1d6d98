package ai.lepton.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.junit.jupiter.api.Test;

/**
 * The routing itself: that {@link LeptonChaincode} registers what {@code ContractRouter}'s classpath scan would find,
 * that the system contract answers, how the shim answers calls the contracts never see, and that two peers running
 * the same transaction write the same bytes.
 */
class LeptonChaincodeTest extends ChaincodeTestSupport {

    @Test
    void theContractListIsWhatTheRoutersScanFinds() {
        // RoutingRegistryImpl.findAndSetContracts keeps classes annotated @Contract that implement ContractInterface;
        // the chaincode jar holds this package and the shim, so scanning both finds what the CCaaS router routes (the
        // test class path also holds the embedded ledger's own test contract, which is not in the jar)
        Set<Class<?>> found = new HashSet<>();
        try (ScanResult scan = new ClassGraph().enableClassInfo().enableAnnotationInfo()
                .acceptPackages("ai.lepton.ledger.chaincode", "org.hyperledger.fabric").scan()) {
            for (ClassInfo info : scan.getClassesWithAnnotation(Contract.class.getCanonicalName())) {
                Class<?> c = info.loadClass();
                if (ContractInterface.class.isAssignableFrom(c) && !c.getName().startsWith("org.hyperledger")) {
                    found.add(c);
                }
            }
        }
        assertThat(found).containsExactlyInAnyOrderElementsOf(LeptonChaincode.CONTRACTS);
        for (Class<?> c : LeptonChaincode.CONTRACTS) {
            // the router instantiates a contract per transaction through its public no-argument constructor
            assertThat(Modifier.isPublic(c.getModifiers())).as(c.getName()).isTrue();
            assertThat(c.getConstructors()).as(c.getName()).anyMatch(k -> k.getParameterCount() == 0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSystemContractDescribesEveryTransaction() {
        Map<String, Object> metadata = ok(peer.evaluate(MALLORY, "org.hyperledger.fabric:GetMetadata"));
        Map<String, Object> contracts = obj(metadata, "contracts");
        assertThat(contracts).containsKeys("Provenance", "ComputeLease", "DataSharing", "Governance");
        Map<String, List<String>> expected = Map.of(
                "Provenance", List.of("anchor", "anchorBatch", "get", "getBatch", "history"),
                "ComputeLease", List.of("accept", "get", "getPeriod", "offer", "reportUsage", "settle", "terminate"),
                "DataSharing", List.of("checkAccess", "getDecision", "grant", "listByDataset", "listByGrantee",
                        "revoke"),
                "Governance", List.of("config", "configure"));
        expected.forEach((contract, transactions) -> assertThat(
                ((List<Map<String, Object>>) at(contracts, contract, "transactions")).stream()
                        .map(t -> (String) t.get("name")).sorted().toList())
                .as(contract).isEqualTo(transactions));
        // parameter names come from the bytecode (javac -parameters), as a Gateway client sees them
        List<Map<String, Object>> provenance = (List<Map<String, Object>>) at(contracts, "Provenance",
                "transactions");
        Map<String, Object> anchor = provenance.stream().filter(t -> "anchor".equals(t.get("name"))).findFirst()
                .orElseThrow();
        assertThat(((List<Map<String, Object>>) anchor.get("parameters")).stream().map(p -> (String) p.get("name")))
                .containsExactly("subject", "sha256", "metadataJson");
        assertThat(((List<String>) anchor.get("tags"))).contains("SUBMIT");
    }

    @Test
    void anUnknownTransactionOfAKnownContractIsRefusedByTheShim() {
        TestPeer.Result result = peer.submit(OPERATOR, "Provenance:anchorEverything", "x");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Undefined contract method called");
    }

    @Test
    void anUnknownContractIsRefusedByTheShim() {
        TestPeer.Result result = peer.submit(OPERATOR, "Ledger:anchor", "x");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Undefined contract called");
        assertThat(result.errorCode()).isNull();
    }

    @Test
    void aMissingArgumentIsTheShimsUnexpectedError() {
        // the shim converts arguments before calling the contract and fails on a short list, with no detail
        TestPeer.Result result = peer.submit(OPERATOR, "Provenance:anchor", "dataset:sales/1");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Unexpected error");
        assertThat(result.errorCode()).isNull();
    }

    @Test
    void twoPeersWriteTheSameBytesForTheSameTransaction() {
        TestPeer other = new TestPeer();
        ok(other.submit(OPERATOR, "Governance:configure", "[\"" + ORG1 + "\"]"));
        String sha = "a".repeat(64);

        TestPeer.Result here = peer.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", sha,
                "{\"b\":[1,2.50,{\"z\":null,\"y\":true}],\"a\":\"\\u00e9\\n\"}");
        TestPeer.Result there = other.submit(OPERATOR, "Provenance:anchor", "dataset:acme/sales/1", sha,
                "{ \"a\" : \"é\\n\" , \"b\" : [ 1 , 2.50 , { \"y\" : true , \"z\" : null } ] }");

        assertThat(here.txId()).isEqualTo(there.txId());
        assertThat(here.payloadUtf8()).isEqualTo(there.payloadUtf8());
        assertThat(peer.keys()).isEqualTo(other.keys());
        for (String key : peer.keys()) {
            assertThat(peer.committed(key)).isEqualTo(other.committed(key));
        }
        assertThat(Json.write(obj(ok(here), "metadata")))
                .isEqualTo("{\"a\":\"é\\n\",\"b\":[1,2.50,{\"y\":true,\"z\":null}]}");
    }

    @Test
    void aBlankFunctionNameIsAnUnknownTransactionOfTheDefaultContract() {
        TestPeer.Result result = peer.submit(OPERATOR, "");
        assertThat(result.ok()).isFalse();
        assertThat(result.message()).isEqualTo("Undefined contract method called");
    }
}
