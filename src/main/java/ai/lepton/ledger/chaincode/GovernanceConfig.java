package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The chaincode's governance settings: which MSPs are trusted to assert Lepton's certificate attributes
 * ({@code lepton.role}, {@code lepton.project}). See {@link GovernanceContract}.
 *
 * <p>JSON: {@code {"configuredAt":"...","configuredBy":{...},"operatorMsps":["Org1MSP"],"txId":"..."}}.
 *
 * @param operatorMsps the trusted MSP ids, sorted, without duplicates
 * @param configuredBy who configured them last
 * @param configuredAt the timestamp of that transaction
 * @param txId that transaction
 */
public record GovernanceConfig(List<String> operatorMsps, Party configuredBy, Instant configuredAt, String txId) {

    public GovernanceConfig {
        operatorMsps = List.copyOf(operatorMsps);
        Objects.requireNonNull(configuredBy, "configuredBy");
        Objects.requireNonNull(configuredAt, "configuredAt");
        Objects.requireNonNull(txId, "txId");
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("operatorMsps", operatorMsps).put("configuredBy", configuredBy.json())
                .put("configuredAt", configuredAt.toString()).put("txId", txId).write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static GovernanceConfig fromJson(String json) {
        var o = Json.parseObject(json);
        List<String> msps = Json.array(o, "operatorMsps").stream().map(String.class::cast).toList();
        return new GovernanceConfig(msps, Party.from(Json.object(o, "configuredBy")),
                Instant.parse(Json.str(o, "configuredAt")), Json.str(o, "txId"));
    }
}
