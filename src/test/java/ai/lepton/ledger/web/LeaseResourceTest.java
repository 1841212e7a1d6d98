package ai.lepton.ledger.web;

import static ai.lepton.testing.Api.admin;
import static ai.lepton.testing.Api.as;
import static ai.lepton.testing.Api.newKey;
import static ai.lepton.testing.Api.newProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Compute leases through REST on the real embedded ledger: every change is a {@code ComputeLease} transaction
 * submitted as the acting project's own identity (the operator's for usage), and the contract's refusals come back as
 * problems with its code and transaction id.
 */
@QuarkusTest
class LeaseResourceTest {

    /** Terms as the REST body takes them. */
    static Map<String, Object> offer(String leaseId, long quantity, long periodSeconds, long periods) {
        Map<String, Object> o = new HashMap<>();
        if (leaseId != null) {
            o.put("leaseId", leaseId);
        }
        o.put("target", Map.of("kind", "pool", "name", "gpu-a100"));
        o.put("resources", Map.of("gpuMemoryGiB", 80));
        o.put("unit", "gpu");
        o.put("quantity", quantity);
        o.put("currency", "EUR");
        o.put("pricePerUnitHourMinor", 250);
        o.put("periodSeconds", periodSeconds);
        o.put("periods", periods);
        o.put("availabilityTargetBp", 9950);
        o.put("penaltyBpPerBp", 20);
        return o;
    }

    static String leases(String project) {
        return "/api/projects/" + project + "/ledger/leases";
    }

    static ValidatableResponse refused(ValidatableResponse r, int status, String type, String code) {
        return r.statusCode(status).contentType("application/problem+json")
                .body("type", equalTo("https://lepton.ai/problems/" + type)).body("code", equalTo(code))
                .body("txId", matchesPattern("[0-9a-f]{64}"));
    }

    @Test
    void leaseBetweenTwoProjectsRunsFromOfferToAnExactSettlementWhileOutsidersSeeNothing() {
        String provider = newProject("prov");
        String consumer = newProject("cons");
        String outsider = newProject("outs");
        String outsiderKey = newKey(outsider, "operator");
        String providerKey = newKey(provider, "admin");
        String leaseId = "life-" + UUID.randomUUID().toString().substring(0, 8);

        // The package documentation's example is 4 GPUs for a day (345600 GPU-seconds) at 250 per GPU-hour, 99.0 %
        // measured against 99.5 % at 20 bp per bp. Periods last at least 60 s and 99.0 % needs a multiple of 100 s
        // observed, so: one 100 s period of 3456 GPUs is the same 345600 GPU-seconds, and 99 of 100 s is 99.0 %.
        admin().contentType(ContentType.JSON).body(offer(leaseId, 3456, 100, 1)).post(leases(provider)).then()
                .statusCode(201).header("Location", org.hamcrest.Matchers.endsWith(leases(provider) + "/" + leaseId))
                .body("state", equalTo("OFFERED")).body("provider.project", equalTo(provider))
                .body("provider.msp", equalTo("LeptonMSP")).body("consumer", nullValue())
                .body("terms.quantity", equalTo(3456)).body("terms.target.name", equalTo("gpu-a100"))
                .body("txId", matchesPattern("[0-9a-f]{64}")).body("blockNumber", greaterThan(0));

        // an open offer is public
        admin().get("/api/ledger/offers?limit=1000").then().statusCode(200).body("items.leaseId", hasItem(leaseId));
        as(outsiderKey).get(leases(outsider) + "/" + leaseId).then().statusCode(200)
                .body("state", equalTo("OFFERED"));

        // the provider cannot accept its own offer: the contract's ACCESS_DENIED, on a lease it is party to
        refused(as(providerKey).post(leases(provider) + "/" + leaseId + "/accept").then(), 403, "forbidden",
                "ACCESS_DENIED");

        admin().post(leases(consumer) + "/" + leaseId + "/accept").then().statusCode(200)
                .body("state", equalTo("ACTIVE")).body("consumer.project", equalTo(consumer))
                .body("startsAt", notNullValue()).body("periodsDue", equalTo(1));
        admin().get("/api/ledger/offers?limit=1000").then().statusCode(200)
                .body("items.leaseId", not(hasItem(leaseId)));

        // a third project sees nothing of an active lease between two others, and cannot act on it
        String lease = leases(outsider) + "/" + leaseId;
        for (ValidatableResponse r : List.of(as(outsiderKey).get(lease).then(),
                as(outsiderKey).post(lease + "/accept").then(), as(outsiderKey).post(lease + "/terminate").then(),
                as(outsiderKey).post(lease + "/periods/0/settle").then(),
                as(outsiderKey).get(lease + "/periods/0").then())) {
            refused(r, 404, "not-found", "NOT_FOUND").body("detail", equalTo("no lease " + leaseId));
        }
        as(outsiderKey).get(leases(outsider)).then().statusCode(200).body("total", equalTo(0));
        admin().get(leases(provider) + "?role=provider").then().statusCode(200)
                .body("items.leaseId", equalTo(List.of(leaseId))).body("items[0].state", equalTo("ACTIVE"))
                .body("items[0].consumer", equalTo(consumer)).body("items[0].terms.quantity", equalTo(3456));
        admin().get(leases(provider) + "?role=consumer").then().statusCode(200).body("total", equalTo(0));
        admin().get(leases(consumer) + "?role=consumer").then().statusCode(200)
                .body("items.leaseId", equalTo(List.of(leaseId)));

        // usage is the operator's to report (installation keys), and only once the period has ended
        String usage = "/api/ledger/leases/" + leaseId + "/periods/0/usage";
        Map<String, Object> figures = Map.of("unitSeconds", 345600, "observedSeconds", 100, "availableSeconds", 99);
        as(providerKey).contentType(ContentType.JSON).body(figures).post(usage).then().statusCode(403);
        given().contentType(ContentType.JSON).body(figures).post(usage).then().statusCode(401);
        refused(admin().contentType(ContentType.JSON).body(figures).post(usage).then(), 409,
                "ledger-period-not-ended", "PERIOD_NOT_ENDED");
        refused(admin().post(leases(consumer) + "/" + leaseId + "/periods/0/settle").then(), 409,
                "ledger-invalid-state", "INVALID_STATE");
        admin().get(leases(consumer) + "/" + leaseId + "/periods/0").then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("usage", nullValue());

        // the period ends when the ledger's clock says so: move it on instead of waiting 100 s
        ShiftedLedgerClock.advance(Duration.ofSeconds(101));
        admin().get(leases(provider) + "/" + leaseId + "/periods/0").then().statusCode(200)
                .body("status", equalTo("ENDED"));

        admin().contentType(ContentType.JSON).body(figures).post(usage).then().statusCode(200)
                .body("status", equalTo("REPORTED")).body("usage.unitSeconds", equalTo(345600))
                .body("usage.reportedBy.project", nullValue());
        admin().contentType(ContentType.JSON).body(figures).post(usage).then().statusCode(200); // same figures: same
        refused(admin().contentType(ContentType.JSON).body(Map.of("unitSeconds", 345600, "observedSeconds", 100,
                "availableSeconds", 100)).post(usage).then(), 409, "ledger-report-conflict", "REPORT_CONFLICT");

        admin().post(leases(consumer) + "/" + leaseId + "/periods/0/settle").then().statusCode(200)
                .body("status", equalTo("SETTLED")).body("settlement.chargeMinor", equalTo(24000))
                .body("settlement.creditMinor", equalTo(2400)).body("settlement.netMinor", equalTo(21600))
                .body("settlement.currency", equalTo("EUR")).body("settlement.rounding", equalTo("HALF_EVEN"))
                .body("settlement.settledBy.project", equalTo(consumer));
        admin().get(leases(provider) + "/" + leaseId).then().statusCode(200).body("state", equalTo("SETTLED"))
                .body("settledPeriods", equalTo(1)).body("chargeMinor", equalTo(24000))
                .body("creditMinor", equalTo(2400)).body("netMinor", equalTo(21600)).body("txId", nullValue());
        admin().get(leases(provider)).then().body("items[0].state", equalTo("SETTLED"));
        refused(admin().post(leases(provider) + "/" + leaseId + "/terminate").then(), 409, "ledger-invalid-state",
                "INVALID_STATE");
    }

    @Test
    void offersAreCheckedFieldByFieldBeforeTheLedgerSeesThem() {
        String p = newProject("terms");
        Map<String, Object> bad = offer("no spaces allowed", 0, 59, 1);
        bad.put("target", Map.of("kind", "rack", "name", "gpu-a100"));
        bad.put("currency", "eur");
        bad.put("resources", Map.of("GPU", 1));
        bad.remove("penaltyBpPerBp");
        admin().contentType(ContentType.JSON).body(bad).post(leases(p)).then().statusCode(400)
                .body("type", equalTo("https://lepton.ai/problems/validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("leaseId", "target.kind",
                        "resources.GPU", "quantity", "currency", "periodSeconds", "penaltyBpPerBp"));
        admin().contentType(ContentType.JSON).body(offer(null, 1, 366L * 86_400, 11)).post(leases(p)).then()
                .statusCode(400).body("errors.field", equalTo(List.of("periods")));
        admin().contentType(ContentType.JSON).body(Map.of("unitSeconds", 10, "observedSeconds", 5,
                "availableSeconds", 6)).post("/api/ledger/leases/x/periods/0/usage").then().statusCode(400)
                .body("errors.field", equalTo(List.of("availableSeconds")));
        admin().get(leases(p)).then().body("total", equalTo(0));
    }

    @Test
    void anOfferGetsAReadableIdIsIdempotentAndOnlyItsProviderWithdrawsIt() {
        String provider = newProject("offr");
        String other = newProject("othr");
        String otherKey = newKey(other, "operator");
        String leaseId = admin().contentType(ContentType.JSON).body(offer(null, 2, 3600, 24)).post(leases(provider))
                .then().statusCode(201).body("leaseId", matchesPattern("lease-\\d{8}-[0-9a-f]{8}")).extract()
                .path("leaseId");
        String offerTx = admin().get(leases(provider) + "/" + leaseId).then().statusCode(200).extract()
                .path("offerTxId");
        // a retried offer (same provider, id and terms) is the same offer; another provider cannot take the id
        admin().contentType(ContentType.JSON).body(offer(leaseId, 2, 3600, 24)).post(leases(provider)).then()
                .statusCode(201).body("offerTxId", equalTo(offerTx));
        refused(as(otherKey).contentType(ContentType.JSON).body(offer(leaseId, 2, 3600, 24)).post(leases(other))
                .then(), 409, "ledger-already-exists", "ALREADY_EXISTS");

        // visible to all while open, but only the provider withdraws it
        refused(as(otherKey).post(leases(other) + "/" + leaseId + "/terminate").then(), 403, "forbidden",
                "ACCESS_DENIED");
        admin().post(leases(provider) + "/" + leaseId + "/terminate").then().statusCode(200)
                .body("state", equalTo("TERMINATED")).body("periodsDue", equalTo(0))
                .body("terminatedBy.project", equalTo(provider));
        refused(as(otherKey).get(leases(other) + "/" + leaseId).then(), 404, "not-found", "NOT_FOUND");
        admin().get("/api/ledger/offers?limit=1000").then().body("items.leaseId", not(hasItem(leaseId)));
        admin().get(leases(provider) + "/" + leaseId + "/periods/0").then().statusCode(404);
        admin().get(leases(provider) + "?role=provider").then().body("items", hasSize(1))
                .body("items[0].state", equalTo("TERMINATED"));
    }

    @Test
    void unknownLeasesAre404AndTheOpenOffersNeedAKey() {
        String p = newProject("unkn");
        refused(admin().get(leases(p) + "/no-such-lease").then(), 404, "not-found", "NOT_FOUND");
        refused(admin().post(leases(p) + "/no-such-lease/accept").then(), 404, "not-found", "NOT_FOUND");
        admin().get(leases(p) + "/bad%20id").then().statusCode(404);
        given().get("/api/ledger/offers").then().statusCode(401);
        as(newKey(p, "viewer")).get("/api/ledger/offers").then().statusCode(200).body("offset", equalTo(0));
        admin().get(leases(p) + "?role=broker").then().statusCode(400)
                .body("errors.field", equalTo(List.of("role")));
    }
}
