package ai.lepton.ledger.web;

import ai.lepton.ledger.api.AnchorReceipt;
import ai.lepton.ledger.api.SubjectVerification;
import ai.lepton.ledger.service.ReceiptService;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/projects/{project}/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class ReceiptResource {

    static final String RECEIPT = "{\"subject\":\"dataset:sales/1\",\"ledgerSubject\":\"dataset:acme/sales/1\","
            + "\"sha256\":\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"eventId\":"
            + "\"0b6c1d2e-8a53-4c1f-9a0e-5f0b8d7c6e21\",\"status\":\"ANCHORED\",\"recordedAt\":\"2026-11-28T10:00:00Z\","
            + "\"leafHash\":\"4c5f...\",\"batch\":12,\"leafIndex\":3,\"leafCount\":5,\"merkleRoot\":\"a1b2...\","
            + "\"proof\":[{\"side\":\"LEFT\",\"hash\":\"77d0...\"},{\"side\":\"RIGHT\",\"hash\":\"0c4e...\"}],"
            + "\"txId\":\"3f1c...\",\"blockNumber\":41,\"anchoredAt\":\"2026-11-28T10:00:02Z\"}";

    /** The request of {@code verify-subject}. */
    public record SubjectRequest(@NotNull String subject) {
    }

    private final ReceiptService receipts;

    public ReceiptResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @GET
    @Path("receipts")
    @Operation(summary = "Anchoring receipts", description = "Newest first. subject: one version "
            + "(dataset:sales/1, model:churn/3, placement:web/0/1), every version (dataset:sales/*, placement:web/0), "
            + "or absent for the whole project. A receipt is PENDING until sealed into a Merkle batch, SEALED until "
            + "the batch's root is on the ledger, then ANCHORED with transaction, block, root and inclusion proof.")
    @APIResponse(responseCode = "200", description = "A page of receipts", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "receipts", value = "{\"items\":["
                    + RECEIPT + "],\"offset\":0,\"limit\":50,\"total\":1}")))
    public Page<AnchorReceipt> receipts(@PathParam("project") String project,
            @Parameter(description = "subject, e.g. dataset:sales/1") @QueryParam("subject") String subject,
            @QueryParam("offset") Long offset, @QueryParam("limit") Integer limit) {
        return receipts.receipts(project, subject, PageRequest.of(offset, limit, 1000));
    }

    @POST
    @Path("verify-subject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify an object against the ledger", description = "Re-hashes the object as stored now "
            + "(dataset content, model artifact, placement record), compares it with the anchored digest, folds the "
            + "inclusion proof up to the batch root and reads that root's anchor from the ledger. verified is true "
            + "only when every check passed; each check says what it found.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "dataset",
            value = "{\"subject\":\"dataset:sales/1\"}")))
    @APIResponse(responseCode = "200", description = "The verification", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "verified", value = "{\"subject\":"
                    + "\"dataset:sales/1\",\"verified\":true,\"currentSha256\":\"9f86...\",\"anchoredSha256\":"
                    + "\"9f86...\",\"receipt\":" + RECEIPT + ",\"checks\":[{\"name\":\"stored-digest\",\"ok\":true,"
                    + "\"detail\":\"dataset content re-hashed to its recorded digest\"},{\"name\":\"anchored-digest\","
                    + "\"ok\":true,\"detail\":\"...\"},{\"name\":\"inclusion-proof\",\"ok\":true,\"detail\":\"...\"},"
                    + "{\"name\":\"root-on-ledger\",\"ok\":true,\"detail\":\"...\"}]}")))
    public SubjectVerification verifySubject(@PathParam("project") String project, @NotNull SubjectRequest request) {
        return receipts.verifySubject(project, request.subject());
    }
}
