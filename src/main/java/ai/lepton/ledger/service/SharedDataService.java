package ai.lepton.ledger.service;

import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.data.api.RowsPage;
import ai.lepton.data.api.VersionView;
import ai.lepton.ledger.api.AccessDecisionView;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading another project's dataset under a data-sharing grant. Every read asks the {@code DataSharing} contract
 * first ({@code checkAccess}, submitted as the reading project, so the ledger records each decision, allowed or not,
 * under its own transaction); only an allowed decision reads the owner's data. Denied, or no such owner, dataset or
 * version: the same 404, so a grantee learns nothing it was not granted.
 */
@ApplicationScoped
public class SharedDataService {

    /** What a shared read returns: the data and the ledger decision that allowed it. */
    public record Shared<T>(T value, AccessDecisionView decision) {
    }

    private final GrantService grants;
    private final Projects projects;
    private final DatasetCatalog datasets;

    public SharedDataService(GrantService grants, Projects projects, DatasetCatalog datasets) {
        this.grants = grants;
        this.projects = projects;
        this.datasets = datasets;
    }

    /** A version of {@code owner}'s dataset, read by {@code project} for {@code purpose}. */
    public Shared<VersionView> version(String project, String owner, String dataset, int number, String purpose) {
        Allowed a = allow(project, owner, dataset, purpose);
        return new Shared<>(datasets.version(a.owner(), dataset, number), a.decision());
    }

    /** A page of rows of {@code owner}'s dataset version, read by {@code project} for {@code purpose}. */
    public Shared<RowsPage> rows(String project, String owner, String dataset, int number, String purpose,
            Long offset, Integer limit) {
        PageRequest page = PageRequest.of(offset, limit, datasets.maxRowsPerPage());
        Allowed a = allow(project, owner, dataset, purpose);
        return new Shared<>(datasets.rows(a.owner(), dataset, number, page), a.decision());
    }

    private record Allowed(ProjectRef owner, AccessDecisionView decision) {
    }

    private Allowed allow(String project, String owner, String dataset, String purpose) {
        ProjectRef reader = projects.authorize(project, Action.READ);
        List<FieldError> errors = new ArrayList<>();
        AgreementRules.slug(errors, "owner", owner);
        AgreementRules.slug(errors, "dataset", dataset);
        AgreementRules.slug(errors, "purpose", purpose);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (owner.equals(reader.name())) {
            throw ProblemException.invalid("owner", "project " + owner + " owns the dataset: read it at /api/projects/"
                    + owner + "/datasets/" + dataset);
        }
        String ledgerDataset = owner + "/" + dataset;
        AccessDecisionView d = grants.decide(reader, ledgerDataset, purpose, "read");
        ProblemException denied = ProblemException.notFound("project " + reader.name() + " holds no current grant of "
                + ledgerDataset + " for " + purpose + " (decision recorded on the ledger in transaction " + d.txId()
                + ")");
        if (!d.allowed()) {
            throw denied;
        }
        // a grant may outlive its owner project's name on this installation only if the ledger is shared with
        // another installation; then there is nothing here to read
        return new Allowed(projects.byName(owner).orElseThrow(() -> denied), d);
    }
}
