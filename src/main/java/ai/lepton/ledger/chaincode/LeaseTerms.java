package ai.lepton.ledger.chaincode;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a provider offers: capacity on a node or pool, its price and its availability promise. Fixed at offer time.
 *
 * <p>JSON (all members required, no others allowed):
 * <pre>
 * {"availabilityTargetBp":9950,      // SLA target in basis points of 100 % (9950 = 99.5 %), 0..10000
 *  "currency":"EUR",                 // ISO 4217; amounts are integers in its minor unit (cents)
 *  "penaltyBpPerBp":20,              // credit, in basis points of the period's charge, per basis point of shortfall
 *  "periodSeconds":86400,            // length of a settlement period, 60 s .. 366 days
 *  "periods":30,                     // number of periods; periods * periodSeconds at most 10 * 366 days
 *  "pricePerUnitHourMinor":250,      // price of one unit for one hour, minor units, 0..10^9
 *  "quantity":4,                     // units offered, 1..100000
 *  "resources":{"gpuMemoryGiB":80},  // what one unit is: camelCase names to integers, 0..32 of them
 *  "target":{"kind":"pool","name":"gpu-a100"},  // kind "node" or "pool", name a slug
 *  "unit":"gpu"}                     // the unit priced and metered (a slug)
 * </pre>
 *
 * @param targetKind {@code node} or {@code pool}
 * @param targetName the node or pool
 * @param resources what one unit provides
 * @param unit the unit's name
 * @param quantity units offered
 * @param currency ISO 4217 code
 * @param pricePerUnitHourMinor price per unit-hour in minor units
 * @param periodSeconds settlement period length
 * @param periods number of periods
 * @param availabilityTargetBp the SLA availability target, basis points
 * @param penaltyBpPerBp credit per basis point of shortfall, basis points of the charge
 */
public record LeaseTerms(String targetKind, String targetName, Map<String, Long> resources, String unit,
        long quantity, String currency, long pricePerUnitHourMinor, long periodSeconds, long periods,
        long availabilityTargetBp, long penaltyBpPerBp) {

    static final long MAX_QUANTITY = 100_000;
    static final long MAX_PRICE = 1_000_000_000;
    static final long MIN_PERIOD_SECONDS = 60;
    static final long MAX_PERIOD_SECONDS = 366L * 86_400;
    static final long MAX_PERIODS = 10_000;
    /** Longest lease: ten years of leap years. Keeps every amount within a {@code long}. */
    static final long MAX_LEASE_SECONDS = 10 * 366L * 86_400;
    static final long MAX_RESOURCE_VALUE = 1_000_000_000_000L;

    private static final Set<String> MEMBERS = Set.of("availabilityTargetBp", "currency", "penaltyBpPerBp",
            "periodSeconds", "periods", "pricePerUnitHourMinor", "quantity", "resources", "target", "unit");
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-z][A-Za-z0-9]{0,62}");

    public LeaseTerms {
        Objects.requireNonNull(targetKind, "targetKind");
        Objects.requireNonNull(targetName, "targetName");
        resources = Map.copyOf(resources);
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(currency, "currency");
    }

    /** Canonical JSON. */
    public String toJson() {
        return json().write();
    }

    Json.Obj json() {
        return Json.obj().put("target", Json.obj().put("kind", targetKind).put("name", targetName))
                .put("resources", new TreeMap<>(resources)).put("unit", unit).put("quantity", quantity)
                .put("currency", currency).put("pricePerUnitHourMinor", pricePerUnitHourMinor)
                .put("periodSeconds", periodSeconds).put("periods", periods)
                .put("availabilityTargetBp", availabilityTargetBp).put("penaltyBpPerBp", penaltyBpPerBp);
    }

    /** Parses and validates terms given by a provider; refuses with {@link ErrorCode#INVALID_ARGUMENT}. */
    static LeaseTerms parse(String termsJson) {
        Map<String, Object> o;
        try {
            o = Json.parseObject(termsJson == null ? "" : termsJson);
        } catch (Json.ParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("terms are not a JSON object: %s", e.getMessage());
        }
        if (!MEMBERS.equals(o.keySet())) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("terms must have exactly the members %s, not %s",
                    new TreeSet<>(MEMBERS), o.keySet());
        }
        try {
            Map<String, Object> target = Json.object(o, "target");
            if (!Set.of("kind", "name").equals(target.keySet())) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("target must have exactly the members kind and name");
            }
            String kind = Json.str(target, "kind");
            if (!kind.equals("node") && !kind.equals("pool")) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("target kind must be node or pool, not %s", Args.quote(kind));
            }
            String name = Args.match("target name", Json.str(target, "name"), Args.SLUG);
            Map<String, Object> given = Json.object(o, "resources");
            if (given.size() > 32) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("at most 32 resources");
            }
            TreeMap<String, Long> resources = new TreeMap<>();
            for (String r : given.keySet()) {
                Args.match("resource name", r, RESOURCE_NAME);
                resources.put(r, Args.range("resource " + r, number(given, r), 0, MAX_RESOURCE_VALUE));
            }
            String unit = Args.match("unit", Json.str(o, "unit"), Args.SLUG);
            long quantity = Args.range("quantity", number(o, "quantity"), 1, MAX_QUANTITY);
            String currency = Args.match("currency", Json.str(o, "currency"), Args.CURRENCY);
            long price = Args.range("pricePerUnitHourMinor", number(o, "pricePerUnitHourMinor"), 0, MAX_PRICE);
            long periodSeconds = Args.range("periodSeconds", number(o, "periodSeconds"), MIN_PERIOD_SECONDS,
                    MAX_PERIOD_SECONDS);
            long periods = Args.range("periods", number(o, "periods"), 1, MAX_PERIODS);
            if (periods * periodSeconds > MAX_LEASE_SECONDS) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("periods * periodSeconds exceeds %d s", MAX_LEASE_SECONDS);
            }
            long targetBp = Args.range("availabilityTargetBp", number(o, "availabilityTargetBp"), 0,
                    Settlement.FULL_BP);
            long penalty = Args.range("penaltyBpPerBp", number(o, "penaltyBpPerBp"), 0, Settlement.FULL_BP);
            return new LeaseTerms(kind, name, resources, unit, quantity, currency, price, periodSeconds, periods,
                    targetBp, penalty);
        } catch (IllegalArgumentException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("terms: %s", e.getMessage());
        }
    }

    private static long number(Map<String, Object> o, String key) {
        if (o.get(key) instanceof BigInteger i) {
            if (i.signum() < 0 || i.bitLength() >= 63) {
                throw ErrorCode.INVALID_ARGUMENT.refuse("%s %s is out of range", key, i);
            }
            return i.longValue();
        }
        throw ErrorCode.INVALID_ARGUMENT.refuse("%s must be an integer", key);
    }

    /** Reads terms stored by this chaincode (already valid). */
    static LeaseTerms from(Map<String, Object> o) {
        Map<String, Object> target = Json.object(o, "target");
        TreeMap<String, Long> resources = new TreeMap<>();
        Json.object(o, "resources").forEach((k, v) -> resources.put(k, ((BigInteger) v).longValueExact()));
        return new LeaseTerms(Json.str(target, "kind"), Json.str(target, "name"), resources, Json.str(o, "unit"),
                Json.lng(o, "quantity"), Json.str(o, "currency"), Json.lng(o, "pricePerUnitHourMinor"),
                Json.lng(o, "periodSeconds"), Json.lng(o, "periods"), Json.lng(o, "availabilityTargetBp"),
                Json.lng(o, "penaltyBpPerBp"));
    }
}
