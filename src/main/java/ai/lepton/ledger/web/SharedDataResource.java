package ai.lepton.ledger.web;

import ai.lepton.data.api.RowsPage;
import ai.lepton.data.api.VersionView;
import ai.lepton.ledger.service.SharedDataService;
import ai.lepton.ledger.service.SharedDataService.Shared;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Another project's dataset, read under a data-sharing grant: {@code /api/projects/{project}/shared/{owner}/...}.
 * Each read is decided by the ledger's {@code DataSharing:checkAccess} (recorded there) before any data is read.
 */
@Path("/api/projects/{project}/shared/{owner}/{dataset}/versions/{number}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class SharedDataResource {

    /** The header that names the ledger transaction holding the decision that allowed a read. */
    public static final String DECISION_HEADER = "Lepton-Access-Decision";

    private static final String PURPOSE = "What the data is read for: it must match the grant's purpose.";
    private static final String DENIED = "No current grant (none, revoked or expired: the decision is still recorded "
            + "on the ledger), or no such owner, dataset or version; the same answer for each, so a grantee learns "
            + "nothing it was not granted.";

    private final SharedDataService shared;

    public SharedDataResource(SharedDataService shared) {
        this.shared = shared;
    }

    @GET
    @Operation(summary = "A version of another project's dataset, under a grant", description = "The project reads a "
            + "version of owner's dataset for purpose. The ledger decides first (DataSharing:checkAccess as the "
            + "project, recorded under its own transaction, named in the " + DECISION_HEADER + " header); only an "
            + "allowed decision reads the data. Needs read access to the project, not to the owner.")
    @APIResponse(responseCode = "200", description = "The version", headers = @Header(name = DECISION_HEADER,
            description = "transaction id of the allowing decision"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "version", value = "{\"dataset\":"
                    + "\"sales\",\"number\":1,\"sha256\":\"9f2c...e1\",\"rows\":3,\"columns\":[{\"name\":\"id\","
                    + "\"type\":\"integer\",\"tags\":[]}],\"duplicatesRemoved\":0,\"rejected\":{\"count\":0,"
                    + "\"sample\":[]}}")))
    @APIResponse(responseCode = "404", description = DENIED)
    public Response version(@PathParam("project") String project, @PathParam("owner") String owner,
            @PathParam("dataset") String dataset, @PathParam("number") int number,
            @Parameter(description = PURPOSE, required = true, example = "training") @QueryParam("purpose")
            String purpose) {
        return answer(shared.version(project, owner, dataset, number, purpose));
    }

    @GET
    @Path("rows")
    @Operation(summary = "Page through another project's dataset version, under a grant", description = "As the "
            + "version read: the ledger decides first, for every page, and records each decision. Typed values; "
            + "limit at most lepton.data.max-rows-per-page (1000).")
    @APIResponse(responseCode = "200", description = "A page of rows", headers = @Header(name = DECISION_HEADER,
            description = "transaction id of the allowing decision"), content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "rows", value = "{\"offset\":0,"
                    + "\"limit\":2,\"total\":3,\"columns\":[\"id\",\"amount\"],\"rows\":[{\"id\":1,\"amount\":10.5},"
                    + "{\"id\":2,\"amount\":7}]}")))
    @APIResponse(responseCode = "404", description = DENIED)
    public Response rows(@PathParam("project") String project, @PathParam("owner") String owner,
            @PathParam("dataset") String dataset, @PathParam("number") int number,
            @Parameter(description = PURPOSE, required = true, example = "training") @QueryParam("purpose")
            String purpose, @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return answer(shared.rows(project, owner, dataset, number, purpose, offset, limit));
    }

    private static Response answer(Shared<?> s) {
        return Response.ok(s.value()).header(DECISION_HEADER, s.decision().txId()).build();
    }
}
