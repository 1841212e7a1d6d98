package ai.lepton.ledger.web;

import ai.lepton.ledger.api.LeasePeriodView;
import ai.lepton.ledger.api.LeaseSummary;
import ai.lepton.ledger.api.UsageReport;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The installation-wide side of compute leases: the open offers, and the operator's usage reports. */
@Path("/api/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class LeaseMarketResource {

    private final LeaseService leases;

    public LeaseMarketResource(LeaseService leases) {
        this.leases = leases;
    }

    @GET
    @Path("offers")
    @Operation(summary = "List open compute offers", description = "Any key. Leases still OFFERED, newest first, as "
            + "the platform last saw them; accept one through POST /api/projects/{project}/ledger/leases/{leaseId}/"
            + "accept.")
    @APIResponse(responseCode = "200", description = "A page of offers", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "offers", value = "{\"items\":[{"
                    + "\"leaseId\":\"a100-december\",\"state\":\"OFFERED\",\"provider\":\"acme\",\"consumer\":null,"
                    + "\"terms\":" + LeaseResource.TERMS + ",\"offeredAt\":\"2026-11-28T10:00:00Z\",\"updatedAt\":"
                    + "\"2026-11-28T10:00:00Z\"}],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<LeaseSummary> offers(@QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return leases.offers(PageRequest.of(offset, limit, 1000));
    }

    @POST
    @Path("leases/{leaseId}/periods/{period}/usage")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Report a period's usage", description = "Installation admin or operator keys: submitted as "
            + "the platform's operator identity (ComputeLease:reportUsage), once the period has ended (409 "
            + "ledger-period-not-ended before). unitSeconds: units times seconds used, at most quantity times the "
            + "period's length; availability is availableSeconds / observedSeconds, 1 <= observedSeconds <= the "
            + "period's length. The same figures again: unchanged; others: 409 ledger-report-conflict.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "day",
            value = "{\"unitSeconds\":345600,\"observedSeconds\":86400,\"availableSeconds\":85536}")))
    @APIResponse(responseCode = "200", description = "The period, REPORTED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "reported", value = "{\"leaseId\":"
                    + "\"a100-december\",\"period\":0,\"status\":\"REPORTED\",\"startsAt\":\"2026-12-01T00:00:00Z\","
                    + "\"endsAt\":\"2026-12-02T00:00:00Z\",\"usage\":{\"unitSeconds\":345600,\"observedSeconds\":86400,"
                    + "\"availableSeconds\":85536,\"reportedBy\":" + LeaseResource.OPERATOR
                    + ",\"reportedAt\":\"2026-12-02T00:05:00Z\",\"txId\":\"17ab...\"},"
                    + "\"settlement\":null}")))
    public LeasePeriodView reportUsage(@PathParam("leaseId") String leaseId, @PathParam("period") long period,
            @NotNull UsageReport report) {
        return leases.reportUsage(leaseId, period, report);
    }
}
