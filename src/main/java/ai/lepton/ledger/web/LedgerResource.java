package ai.lepton.ledger.web;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.service.ReceiptService;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/ledger")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "ledger")
public class LedgerResource {

    private final ReceiptService receipts;

    public LedgerResource(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @POST
    @Path("verify")
    @Operation(summary = "Verify the whole chain", description = "Installation admins. Re-reads and re-hashes every "
            + "block (header hash, link to the previous block, Merkle root of its transactions, numbering) and names "
            + "the first bad block. Record headHash elsewhere to detect a chain rewritten from some block to its end.")
    @APIResponse(responseCode = "200", description = "The result; intact false names the first bad block", content =
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = {@ExampleObject(name = "intact", value =
                    "{\"intact\":true,\"blocks\":42,\"transactions\":1337,\"headHash\":\"5e0c...\",\"firstBadBlock\":-1,"
                    + "\"problem\":\"\"}"), @ExampleObject(name = "tampered", value = "{\"intact\":false,\"blocks\":17,"
                    + "\"transactions\":301,\"headHash\":\"a9d1...\",\"firstBadBlock\":17,\"problem\":\"block 17: "
                    + "header hash does not match\"}")}))
    public ChainVerification verify() {
        return receipts.verifyChain();
    }
}
