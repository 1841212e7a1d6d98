package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One settlement period of a lease: its window, the usage the operator reported for it and, once settled, the
 * amounts. Written when usage is reported; completed when settled.
 *
 * <p>JSON: {@code {"endsAt":"...","leaseId":"...","period":0,"settlement":{...},"startsAt":"...","usage":{...}}},
 * with {@code usage} {@code {"availableSeconds":85536,"observedSeconds":86400,"reportedAt":"...","reportedBy":{...},
 * "txId":"...","unitSeconds":345600}} and {@code settlement} {@code {"availabilityTargetBp":9950,"chargeMinor":24000,
 * "creditMinor":2400,"currency":"EUR","netMinor":21600,"penaltyBpPerBp":20,"pricePerUnitHourMinor":250,
 * "rounding":"HALF_EVEN","settledAt":"...","settledBy":{...},"txId":"..."}} (absent until settled).
 *
 * @param leaseId the lease
 * @param period the period's index, from 0
 * @param startsAt the period's start
 * @param endsAt the period's end (exclusive)
 * @param usage what was reported
 * @param settlement the settlement, or {@code null} until settled
 */
public record LeasePeriod(String leaseId, long period, Instant startsAt, Instant endsAt, Usage usage,
        Settled settlement) {

    /** The rounding rule of every amount. */
    public static final String ROUNDING = "HALF_EVEN";

    public LeasePeriod {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(usage, "usage");
    }

    /**
     * Usage reported for a period.
     *
     * @param unitSeconds units used times seconds used (two GPUs for an hour: 7200)
     * @param observedSeconds seconds of the period during which availability was measured (at least 1)
     * @param availableSeconds of those, the seconds the capacity was available
     * @param reportedBy the operator identity that reported
     * @param reportedAt the report's timestamp
     * @param txId the report's transaction
     */
    public record Usage(long unitSeconds, long observedSeconds, long availableSeconds, Party reportedBy,
            Instant reportedAt, String txId) {

        Json.Obj json() {
            return Json.obj().put("unitSeconds", unitSeconds).put("observedSeconds", observedSeconds)
                    .put("availableSeconds", availableSeconds).put("reportedBy", reportedBy.json())
                    .put("reportedAt", reportedAt.toString()).put("txId", txId);
        }

        /** Whether another report says the same (who reported it and when aside). */
        boolean sameFigures(long units, long observed, long available) {
            return unitSeconds == units && observedSeconds == observed && availableSeconds == available;
        }

        static Usage from(Map<String, Object> o) {
            return new Usage(Json.lng(o, "unitSeconds"), Json.lng(o, "observedSeconds"),
                    Json.lng(o, "availableSeconds"), Party.from(Json.object(o, "reportedBy")),
                    Instant.parse(Json.str(o, "reportedAt")), Json.str(o, "txId"));
        }
    }

    /**
     * A settled period's amounts, with the terms they were computed from.
     *
     * @param currency ISO 4217 code of every amount
     * @param pricePerUnitHourMinor the lease's price
     * @param chargeMinor the period's charge, minor units
     * @param availabilityTargetBp the lease's SLA target
     * @param penaltyBpPerBp the lease's penalty rate
     * @param creditMinor the SLA credit, minor units
     * @param netMinor {@code chargeMinor - creditMinor}
     * @param settledBy who settled it
     * @param settledAt the settlement's timestamp
     * @param txId the settlement's transaction
     */
    public record Settled(String currency, long pricePerUnitHourMinor, long chargeMinor, long availabilityTargetBp,
            long penaltyBpPerBp, long creditMinor, long netMinor, Party settledBy, Instant settledAt, String txId) {

        Json.Obj json() {
            return Json.obj().put("currency", currency).put("pricePerUnitHourMinor", pricePerUnitHourMinor)
                    .put("chargeMinor", chargeMinor).put("availabilityTargetBp", availabilityTargetBp)
                    .put("penaltyBpPerBp", penaltyBpPerBp).put("creditMinor", creditMinor).put("netMinor", netMinor)
                    .put("rounding", ROUNDING).put("settledBy", settledBy.json())
                    .put("settledAt", settledAt.toString()).put("txId", txId);
        }

        static Settled from(Map<String, Object> o) {
            return o == null ? null : new Settled(Json.str(o, "currency"), Json.lng(o, "pricePerUnitHourMinor"),
                    Json.lng(o, "chargeMinor"), Json.lng(o, "availabilityTargetBp"), Json.lng(o, "penaltyBpPerBp"),
                    Json.lng(o, "creditMinor"), Json.lng(o, "netMinor"), Party.from(Json.object(o, "settledBy")),
                    Instant.parse(Json.str(o, "settledAt")), Json.str(o, "txId"));
        }
    }

    LeasePeriod withSettlement(Settled s) {
        return new LeasePeriod(leaseId, period, startsAt, endsAt, usage, s);
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("leaseId", leaseId).put("period", period).put("startsAt", startsAt.toString())
                .put("endsAt", endsAt.toString()).put("usage", usage.json())
                .put("settlement", settlement == null ? null : settlement.json()).write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static LeasePeriod fromJson(String json) {
        var o = Json.parseObject(json);
        return new LeasePeriod(Json.str(o, "leaseId"), Json.lng(o, "period"), Instant.parse(Json.str(o, "startsAt")),
                Instant.parse(Json.str(o, "endsAt")), Usage.from(Json.object(o, "usage")),
                Settled.from(Json.optObject(o, "settlement")));
    }
}
