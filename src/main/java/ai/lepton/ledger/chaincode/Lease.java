package ai.lepton.ledger.chaincode;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A compute lease (see {@link ComputeLeaseContract} for its rules).
 *
 * <p>JSON: {@code {"chargeMinor":0,"consumer":{...},"creditMinor":0,"endsAt":"...","leaseId":"...","netMinor":0,
 * "offerTxId":"...","offeredAt":"...","periodsDue":30,"provider":{...},"settledPeriods":0,"startsAt":"...",
 * "state":"ACTIVE","terminatedAt":"...","terminatedBy":{...},"terms":{...}}}; {@code consumer}, {@code startsAt},
 * {@code endsAt}, {@code terminatedAt} and {@code terminatedBy} are absent until they apply.
 *
 * @param leaseId the provider's id for it
 * @param state where it is in its life
 * @param provider who offered it
 * @param consumer who accepted it, {@code null} while offered
 * @param terms the offer's terms
 * @param offeredAt the offer's timestamp
 * @param offerTxId the offer's transaction
 * @param startsAt the acceptance's timestamp: period 0 starts here
 * @param endsAt when the last period ends: the full term's end, or the termination
 * @param terminatedAt when it was terminated, or {@code null}
 * @param terminatedBy who terminated it, or {@code null}
 * @param periodsDue how many periods will be settled: the term's, or those begun before a termination
 * @param settledPeriods how many periods are settled (periods settle in order: these are 0 to settledPeriods - 1)
 * @param chargeMinor total charged over the settled periods, minor units
 * @param creditMinor total SLA credit over the settled periods, minor units
 * @param netMinor {@code chargeMinor - creditMinor}
 */
public record Lease(String leaseId, LeaseState state, Party provider, Party consumer, LeaseTerms terms,
        Instant offeredAt, String offerTxId, Instant startsAt, Instant endsAt, Instant terminatedAt,
        Party terminatedBy, long periodsDue, long settledPeriods, long chargeMinor, long creditMinor, long netMinor) {

    public Lease {
        Objects.requireNonNull(leaseId, "leaseId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(offeredAt, "offeredAt");
        Objects.requireNonNull(offerTxId, "offerTxId");
    }

    /** A new offer. */
    static Lease offered(String leaseId, Party provider, LeaseTerms terms, Instant at, String txId) {
        return new Lease(leaseId, LeaseState.OFFERED, provider, null, terms, at, txId, null, null, null, null,
                terms.periods(), 0, 0, 0, 0);
    }

    Lease accepted(Party by, Instant at) {
        Instant end = at.plusSeconds(terms.periods() * terms.periodSeconds());
        return new Lease(leaseId, LeaseState.ACTIVE, provider, by, terms, offeredAt, offerTxId, at, end, null, null,
                periodsDue, settledPeriods, chargeMinor, creditMinor, netMinor);
    }

    /** Terminated at {@code at}: periods that began before {@code at} remain due; the one in progress ends at it. */
    Lease terminated(Party by, Instant at) {
        long due = 0;
        if (startsAt != null) {
            Duration elapsed = Duration.between(startsAt, at);
            Duration period = Duration.ofSeconds(terms.periodSeconds());
            long whole = elapsed.dividedBy(period);
            boolean partial = !elapsed.minus(period.multipliedBy(whole)).isZero();
            due = whole + (partial ? 1 : 0);
        }
        return new Lease(leaseId, LeaseState.TERMINATED, provider, consumer, terms, offeredAt, offerTxId, startsAt,
                startsAt == null ? null : at, at, by, due, settledPeriods, chargeMinor, creditMinor, netMinor);
    }

    Lease settled(long charge, long credit) {
        long settled = settledPeriods + 1;
        LeaseState next = state == LeaseState.ACTIVE && settled == periodsDue ? LeaseState.SETTLED : state;
        return new Lease(leaseId, next, provider, consumer, terms, offeredAt, offerTxId, startsAt, endsAt,
                terminatedAt, terminatedBy, periodsDue, settled, Math.addExact(chargeMinor, charge),
                Math.addExact(creditMinor, credit), Math.addExact(netMinor, charge - credit));
    }

    /** When period {@code n} starts. */
    Instant periodStart(long n) {
        return startsAt.plusSeconds(n * terms.periodSeconds());
    }

    /** When period {@code n} ends: a full period later, or at the termination if that is earlier. */
    Instant periodEnd(long n) {
        Instant full = startsAt.plusSeconds((n + 1) * terms.periodSeconds());
        return endsAt != null && endsAt.isBefore(full) ? endsAt : full;
    }

    /** Period {@code n}'s length in whole seconds, a partial second counting as one. */
    long periodSeconds(long n) {
        Duration length = Duration.between(periodStart(n), periodEnd(n));
        return length.getSeconds() + (length.getNano() > 0 ? 1 : 0);
    }

    /** Canonical JSON. */
    public String toJson() {
        return Json.obj().put("leaseId", leaseId).put("state", state.name()).put("provider", provider.json())
                .put("consumer", consumer == null ? null : consumer.json()).put("terms", terms.json())
                .put("offeredAt", offeredAt.toString()).put("offerTxId", offerTxId)
                .put("startsAt", str(startsAt)).put("endsAt", str(endsAt)).put("terminatedAt", str(terminatedAt))
                .put("terminatedBy", terminatedBy == null ? null : terminatedBy.json()).put("periodsDue", periodsDue)
                .put("settledPeriods", settledPeriods).put("chargeMinor", chargeMinor).put("creditMinor", creditMinor)
                .put("netMinor", netMinor).write();
    }

    /** Parses {@link #toJson()}'s output. */
    public static Lease fromJson(String json) {
        var o = Json.parseObject(json);
        return new Lease(Json.str(o, "leaseId"), LeaseState.valueOf(Json.str(o, "state")),
                Party.from(Json.object(o, "provider")), Party.from(Json.optObject(o, "consumer")),
                LeaseTerms.from(Json.object(o, "terms")), Instant.parse(Json.str(o, "offeredAt")),
                Json.str(o, "offerTxId"), instant(Json.optStr(o, "startsAt")), instant(Json.optStr(o, "endsAt")),
                instant(Json.optStr(o, "terminatedAt")), Party.from(Json.optObject(o, "terminatedBy")),
                Json.lng(o, "periodsDue"), Json.lng(o, "settledPeriods"), Json.lng(o, "chargeMinor"),
                Json.lng(o, "creditMinor"), Json.lng(o, "netMinor"));
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
