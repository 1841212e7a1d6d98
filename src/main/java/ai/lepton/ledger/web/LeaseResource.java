package ai.lepton.ledger.web;

import ai.lepton.ledger.api.LeaseOffer;
import ai.lepton.ledger.api.LeasePeriodView;
import ai.lepton.ledger.api.LeaseSummary;
import ai.lepton.ledger.api.LeaseView;
import ai.lepton.ledger.service.LeaseService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A project's compute leases on the ledger ({@code ComputeLease} contract). */
@Path("/api/projects/{project}/ledger/leases")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class LeaseResource {

    static final String TERMS = "{\"target\":{\"kind\":\"pool\",\"name\":\"gpu-a100\"},\"resources\":"
            + "{\"gpuMemoryGiB\":80},\"unit\":\"gpu\",\"quantity\":4,\"currency\":\"EUR\","
            + "\"pricePerUnitHourMinor\":250,\"periodSeconds\":86400,\"periods\":30,\"availabilityTargetBp\":9950,"
            + "\"penaltyBpPerBp\":20}";

    static final String OFFER = "{\"leaseId\":\"a100-december\",\"target\":{\"kind\":\"pool\",\"name\":"
            + "\"gpu-a100\"},\"resources\":{\"gpuMemoryGiB\":80},\"unit\":\"gpu\",\"quantity\":4,\"currency\":"
            + "\"EUR\",\"pricePerUnitHourMinor\":250,\"periodSeconds\":86400,\"periods\":30,\"availabilityTargetBp\":"
            + "9950,\"penaltyBpPerBp\":20}";

    static final String PARTY_ACME = "{\"project\":\"acme\",\"msp\":\"LeptonMSP\",\"id\":"
            + "\"x509::CN=acme, OU=client, O=Lepton::CN=Lepton Local CA, O=Lepton\"}";
    static final String PARTY_BETA = "{\"project\":\"beta\",\"msp\":\"LeptonMSP\",\"id\":"
            + "\"x509::CN=beta, OU=client, O=Lepton::CN=Lepton Local CA, O=Lepton\"}";
    static final String OPERATOR = "{\"project\":null,\"msp\":\"LeptonMSP\",\"id\":"
            + "\"x509::CN=operator, OU=admin, O=Lepton::CN=Lepton Local CA, O=Lepton\"}";

    static final String ACTIVE = "{\"leaseId\":\"a100-december\",\"state\":\"ACTIVE\",\"provider\":" + PARTY_ACME
            + ",\"consumer\":" + PARTY_BETA + ",\"terms\":" + TERMS + ",\"offeredAt\":\"2026-11-28T10:00:00Z\","
            + "\"offerTxId\":\"5c0f...\",\"startsAt\":\"2026-12-01T00:00:00Z\",\"endsAt\":\"2026-12-31T00:00:00Z\","
            + "\"terminatedAt\":null,\"terminatedBy\":null,\"periodsDue\":30,\"settledPeriods\":0,\"chargeMinor\":0,"
            + "\"creditMinor\":0,\"netMinor\":0,\"txId\":\"9e41...\",\"blockNumber\":57}";

    static final String OFFERED = "{\"leaseId\":\"a100-december\",\"state\":\"OFFERED\",\"provider\":" + PARTY_ACME
            + ",\"consumer\":null,\"terms\":" + TERMS + ",\"offeredAt\":\"2026-11-28T10:00:00Z\",\"offerTxId\":"
            + "\"5c0f...\",\"startsAt\":null,\"endsAt\":null,\"terminatedAt\":null,\"terminatedBy\":null,"
            + "\"periodsDue\":30,\"settledPeriods\":0,\"chargeMinor\":0,\"creditMinor\":0,\"netMinor\":0,"
            + "\"txId\":\"5c0f...\",\"blockNumber\":51}";

    static final String TERMINATED = "{\"leaseId\":\"a100-december\",\"state\":\"TERMINATED\",\"provider\":"
            + PARTY_ACME + ",\"consumer\":" + PARTY_BETA + ",\"terms\":" + TERMS + ",\"offeredAt\":"
            + "\"2026-11-28T10:00:00Z\",\"offerTxId\":\"5c0f...\",\"startsAt\":\"2026-12-01T00:00:00Z\",\"endsAt\":"
            + "\"2026-12-10T12:00:00Z\",\"terminatedAt\":\"2026-12-10T12:00:00Z\",\"terminatedBy\":" + PARTY_BETA
            + ",\"periodsDue\":10,\"settledPeriods\":9,\"chargeMinor\":216000,\"creditMinor\":2400,\"netMinor\":"
            + "213600,\"txId\":\"a07d...\",\"blockNumber\":112}";

    static final String SUMMARY = "{\"leaseId\":\"a100-december\",\"state\":\"ACTIVE\",\"provider\":\"acme\","
            + "\"consumer\":\"beta\",\"terms\":" + TERMS + ",\"offeredAt\":\"2026-11-28T10:00:00Z\",\"updatedAt\":"
            + "\"2026-12-01T00:00:00Z\"}";

    static final String SETTLED_PERIOD = "{\"leaseId\":\"a100-december\",\"period\":0,\"status\":\"SETTLED\","
            + "\"startsAt\":\"2026-12-01T00:00:00Z\",\"endsAt\":\"2026-12-02T00:00:00Z\",\"usage\":{\"unitSeconds\":"
            + "345600,\"observedSeconds\":86400,\"availableSeconds\":85536,\"reportedBy\":" + OPERATOR
            + ",\"reportedAt\":\"2026-12-02T00:05:00Z\",\"txId\":"
            + "\"17ab...\"},\"settlement\":{\"currency\":\"EUR\",\"pricePerUnitHourMinor\":250,\"chargeMinor\":24000,"
            + "\"availabilityTargetBp\":9950,\"penaltyBpPerBp\":20,\"creditMinor\":2400,\"netMinor\":21600,"
            + "\"rounding\":\"HALF_EVEN\",\"settledBy\":" + PARTY_BETA + ",\"settledAt\":\"2026-12-02T09:00:00Z\","
            + "\"txId\":\"c3d2...\"}}";

    private final LeaseService leases;

    public LeaseResource(LeaseService leases) {
        this.leases = leases;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Offer compute capacity", description = "Submits ComputeLease:offer as the project's ledger "
            + "identity; the project becomes the provider and the offer is open to every project. The body is the "
            + "lease terms plus an optional leaseId (unique on the ledger; give one to make retries safe: the same "
            + "terms again return the lease unchanged; another provider's id is 409 ledger-already-exists). Every "
            + "field is checked first: a bad one is a 400 naming it. Amounts are integers in minor currency units; "
            + "availabilityTargetBp and penaltyBpPerBp are basis points.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "offer",
            value = OFFER)))
    @APIResponse(responseCode = "201", description = "Offered", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "offered", value = OFFERED)))
    public Response offer(@PathParam("project") String project, @NotNull LeaseOffer offer) {
        LeaseView v = leases.offer(project, offer);
        return Response.created(URI.create("/api/projects/" + project + "/ledger/leases/" + v.leaseId())).entity(v)
                .build();
    }

    @GET
    @Operation(summary = "List the project's leases", description = "Newest offer first, as the platform last saw "
            + "them (the ledger is the source of truth: get one lease for its current state and totals). role: "
            + "provider, consumer, or absent for both.")
    @APIResponse(responseCode = "200", description = "A page of leases", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "leases", value = "{\"items\":["
                    + SUMMARY + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<LeaseSummary> list(@PathParam("project") String project,
            @Parameter(description = "provider or consumer") @QueryParam("role") String role,
            @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return leases.list(project, role, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("{leaseId}")
    @Operation(summary = "Get a lease", description = "Read from the ledger (ComputeLease:get). Visible to its "
            + "provider and consumer, and to every project while it is an open offer; otherwise 404.")
    @APIResponse(responseCode = "200", description = "The lease", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "active", value = ACTIVE)))
    public LeaseView get(@PathParam("project") String project, @PathParam("leaseId") String leaseId) {
        return leases.get(project, leaseId);
    }

    @POST
    @Path("{leaseId}/accept")
    @Operation(summary = "Accept an offer", description = "Submits ComputeLease:accept as the project's ledger "
            + "identity, which becomes the consumer; period 0 starts at the transaction's timestamp. The provider "
            + "cannot accept its own offer (403); a lease that is no longer offered is 409 ledger-invalid-state.")
    @APIResponse(responseCode = "200", description = "The lease, ACTIVE", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "active", value = ACTIVE)))
    public LeaseView accept(@PathParam("project") String project, @PathParam("leaseId") String leaseId) {
        return leases.accept(project, leaseId);
    }

    @POST
    @Path("{leaseId}/terminate")
    @Operation(summary = "Terminate a lease or withdraw an offer", description = "Submits ComputeLease:terminate as "
            + "the project. An active lease: either party, before its term is over; the period in progress ends now "
            + "and no later one begins, periods begun stay due (periodsDue). An offer: its provider. Again: "
            + "unchanged.")
    @APIResponse(responseCode = "200", description = "The lease, TERMINATED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "terminated", value =
                    TERMINATED)))
    public LeaseView terminate(@PathParam("project") String project, @PathParam("leaseId") String leaseId) {
        return leases.terminate(project, leaseId);
    }

    @GET
    @Path("{leaseId}/periods/{period}")
    @Operation(summary = "Get a settlement period", description = "Its window and status: UPCOMING, RUNNING, ENDED "
            + "(waiting for the operator's usage report), REPORTED, SETTLED; with usage and settlement once there. "
            + "Parties only (and anyone while the lease is an open offer, which has no periods).")
    @APIResponse(responseCode = "200", description = "The period", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "settled", value =
                    SETTLED_PERIOD), @ExampleObject(name = "running", value = "{\"leaseId\":\"a100-december\","
                    + "\"period\":3,\"status\":\"RUNNING\",\"startsAt\":\"2026-12-04T00:00:00Z\",\"endsAt\":"
                    + "\"2026-12-05T00:00:00Z\",\"usage\":null,\"settlement\":null}")}))
    public LeasePeriodView period(@PathParam("project") String project, @PathParam("leaseId") String leaseId,
            @PathParam("period") long period) {
        return leases.period(project, leaseId, period);
    }

    @POST
    @Path("{leaseId}/periods/{period}/settle")
    @Operation(summary = "Settle a period", description = "Submits ComputeLease:settle as the project (either "
            + "party): charge = roundHalfEven(unitSeconds * pricePerUnitHourMinor / 3600); where measured "
            + "availability fell short of the target, credit = roundHalfEven(charge * min(10000, penaltyBpPerBp * "
            + "shortfallBp) / 10000); net = charge - credit. Periods settle in order (409 "
            + "ledger-period-out-of-order), after their usage is reported (409 ledger-invalid-state). Settling the "
            + "last period of the full term makes the lease SETTLED. Again: unchanged.")
    @APIResponse(responseCode = "200", description = "The settled period", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "settled", value =
                    SETTLED_PERIOD)))
    public LeasePeriodView settle(@PathParam("project") String project, @PathParam("leaseId") String leaseId,
            @PathParam("period") long period) {
        return leases.settle(project, leaseId, period);
    }
}
