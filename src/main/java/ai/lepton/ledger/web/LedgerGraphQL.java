package ai.lepton.ledger.web;

import ai.lepton.ledger.api.AnchorReceipt;
import ai.lepton.ledger.service.ReceiptService;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProjectView;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Source;

/** Adds {@code receipts} (ledger anchoring receipts) to the GraphQL {@code Project} type. */
@GraphQLApi
public class LedgerGraphQL {

    private final ReceiptService receipts;

    public LedgerGraphQL(ReceiptService receipts) {
        this.receipts = receipts;
    }

    @Description("Anchoring receipts, newest first: of one subject (dataset:sales/1), of every version (dataset:sales/*),"
            + " or of the whole project when subject is omitted. PENDING, SEALED or ANCHORED, with the inclusion proof.")
    public List<AnchorReceipt> receipts(@Source ProjectView project, @Name("subject") String subject,
            @Name("offset") @DefaultValue("0") long offset, @Name("limit") @DefaultValue("50") int limit) {
        return receipts.receipts(project.name(), subject, PageRequest.of(offset, limit, 1000)).items();
    }
}
