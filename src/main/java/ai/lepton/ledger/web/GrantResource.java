package ai.lepton.ledger.web;

import ai.lepton.ledger.api.AccessCheck;
import ai.lepton.ledger.api.AccessDecisionView;
import ai.lepton.ledger.api.GrantRequest;
import ai.lepton.ledger.api.GrantView;
import ai.lepton.ledger.service.GrantService;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** Data-sharing consent on the ledger ({@code DataSharing} contract): grants, revocations and access checks. */
@Path("/api/projects/{project}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class GrantResource {

    static final String PARTY = LeaseResource.PARTY_ACME;

    static final String GRANT = "{\"dataset\":\"acme/sales\",\"ownerProject\":\"acme\",\"grantee\":\"beta\","
            + "\"purpose\":\"training\",\"expiresAt\":\"2027-01-31T00:00:00Z\",\"status\":\"ACTIVE\",\"expired\":false,"
            + "\"grantedBy\":" + PARTY + ",\"grantedAt\":\"2026-11-28T10:00:00Z\",\"txId\":\"2b7e...\","
            + "\"revokedBy\":null,\"revokedAt\":null}";

    static final String REVOKED = "{\"dataset\":\"acme/sales\",\"ownerProject\":\"acme\",\"grantee\":\"beta\","
            + "\"purpose\":\"training\",\"expiresAt\":\"2027-01-31T00:00:00Z\",\"status\":\"REVOKED\",\"expired\":"
            + "false,\"grantedBy\":" + PARTY + ",\"grantedAt\":\"2026-11-28T10:00:00Z\",\"txId\":\"8f01...\","
            + "\"revokedBy\":" + PARTY + ",\"revokedAt\":\"2026-12-03T08:00:00Z\"}";

    private final GrantService grants;

    public GrantResource(GrantService grants) {
        this.grants = grants;
    }

    @POST
    @Path("grants")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant another project the use of a dataset", description = "Submits DataSharing:grant as "
            + "the project: grantee may use the project's dataset for purpose until expiresAt (ISO-8601, in the "
            + "future). The dataset must exist in the project (404). The grantee is a project name; it is not "
            + "checked against this installation's projects, which would reveal them. Granting again replaces the "
            + "expiry and re-activates a revoked grant.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant",
            value = "{\"dataset\":\"sales\",\"grantee\":\"beta\",\"purpose\":\"training\",\"expiresAt\":"
                    + "\"2027-01-31T00:00:00Z\"}")))
    @APIResponse(responseCode = "201", description = "Granted", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grant", value = GRANT)))
    public Response grant(@PathParam("project") String project, @NotNull GrantRequest request) {
        GrantView g = grants.grant(project, request);
        return Response.created(URI.create("/api/projects/" + project + "/ledger/grants?dataset="
                + request.dataset())).entity(g).build();
    }

    @DELETE
    @Path("grants/{dataset}/{grantee}/{purpose}")
    @Operation(summary = "Revoke a grant", description = "Submits DataSharing:revoke as the project, owner of the "
            + "dataset. Answers 200 with the revoked grant (its revocation's transaction, time and author), not 204: "
            + "the revocation is a record on the ledger. Revoking again returns it unchanged; no such grant: 404.")
    @APIResponse(responseCode = "200", description = "The grant, REVOKED", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "revoked", value = REVOKED)))
    public GrantView revoke(@PathParam("project") String project, @PathParam("dataset") String dataset,
            @PathParam("grantee") String grantee, @PathParam("purpose") String purpose) {
        return grants.revoke(project, dataset, grantee, purpose);
    }

    @GET
    @Path("grants")
    @Operation(summary = "List the grants of one of the project's datasets", description = "From the ledger "
            + "(DataSharing:listByDataset), by grantee then purpose, revoked and expired included. expired is judged "
            + "by the server's clock; access checks judge it at their own transaction's timestamp.")
    @APIResponse(responseCode = "200", description = "A page of grants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "grants", value = "{\"items\":["
                    + GRANT + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<GrantView> given(@PathParam("project") String project,
            @Parameter(description = "the dataset (required)", required = true) @QueryParam("dataset") String dataset,
            @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return grants.given(project, dataset, PageRequest.of(offset, limit, 1000));
    }

    @GET
    @Path("grants/received")
    @Operation(summary = "List the grants the project received", description = "From the ledger "
            + "(DataSharing:listByGrantee), by dataset then purpose, revoked and expired included.")
    @APIResponse(responseCode = "200", description = "A page of grants", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "received", value = "{\"items\":["
                    + GRANT + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<GrantView> received(@PathParam("project") String project, @QueryParam("offset") Long offset,
            @QueryParam("limit") Integer limit) {
        return grants.received(project, PageRequest.of(offset, limit, 1000));
    }

    @POST
    @Path("access-checks")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask whether the project may use a dataset now", description = "Submits "
            + "DataSharing:checkAccess for the project itself; the ledger records the decision, allowed or not, under "
            + "its transaction id. dataset: <owner project>/<dataset>. reason: OWNER or GRANTED (allowed), NO_GRANT, "
            + "REVOKED, EXPIRED. Needs only read access: asking is how a reader finds out whether it may read, and "
            + "the record it leaves is an audit entry, not a change to the project.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "check",
            value = "{\"dataset\":\"acme/sales\",\"purpose\":\"training\"}")))
    @APIResponse(responseCode = "200", description = "The recorded decision", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "granted", value = "{\"txId\":"
                    + "\"d41c...\",\"blockNumber\":88,\"dataset\":\"acme/sales\",\"project\":\"beta\",\"purpose\":"
                    + "\"training\",\"allowed\":true,\"reason\":\"GRANTED\",\"expiresAt\":\"2027-01-31T00:00:00Z\","
                    + "\"grantTxId\":\"2b7e...\",\"askedBy\":" + LeaseResource.PARTY_BETA
                    + ",\"decidedAt\":\"2026-12-01T09:00:00Z\"}"),
                @ExampleObject(name = "revoked", value = "{\"txId\":\"e5a9...\",\"blockNumber\":97,\"dataset\":"
                    + "\"acme/sales\",\"project\":\"beta\",\"purpose\":\"training\",\"allowed\":false,\"reason\":"
                    + "\"REVOKED\",\"expiresAt\":\"2027-01-31T00:00:00Z\",\"grantTxId\":\"8f01...\",\"askedBy\":"
                    + LeaseResource.PARTY_BETA + ","
                    + "\"decidedAt\":\"2026-12-03T09:00:00Z\"}")}))
    public AccessDecisionView check(@PathParam("project") String project, @NotNull AccessCheck check) {
        return grants.check(project, check);
    }
}
