package ai.lepton.ledger.service;

import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.ledger.api.AccessCheck;
import ai.lepton.ledger.api.AccessDecisionView;
import ai.lepton.ledger.api.GrantRequest;
import ai.lepton.ledger.api.GrantView;
import ai.lepton.ledger.service.ContractCalls.Result;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Data-sharing consent through the {@code DataSharing} contract: a project grants another project the use of one of
 * its datasets for a purpose until an expiry, revokes it, and any project asks the ledger whether it may use a
 * dataset now (each answer is recorded there). On the ledger a dataset is {@code <owner project>/<dataset>}.
 *
 * <p>The grantee need not be a project of this installation: the contract names grantees by project name, and
 * checking the name here would tell any project which other project names exist. Only installation admins create
 * projects, so a tenant cannot take a name that was granted to.
 */
@ApplicationScoped
public class GrantService {

    private static final TypeReference<List<GrantView>> GRANTS = new TypeReference<>() {
    };

    private final ContractCalls calls;
    private final Projects projects;
    private final DatasetCatalog datasets;

    public GrantService(ContractCalls calls, Projects projects, DatasetCatalog datasets) {
        this.calls = calls;
        this.projects = projects;
        this.datasets = datasets;
    }

    /** Grants access to one of {@code project}'s datasets, as that project. */
    public GrantView grant(String project, GrantRequest request) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        List<FieldError> errors = new ArrayList<>();
        AgreementRules.slug(errors, "dataset", request.dataset());
        if (AgreementRules.slug(errors, "grantee", request.grantee()) && request.grantee().equals(ref.name())) {
            errors.add(new FieldError("grantee", "project " + ref.name() + " owns the dataset; it needs no grant"));
        }
        AgreementRules.slug(errors, "purpose", request.purpose());
        Instant now = Instant.now();
        Instant expiresAt = null;
        if (request.expiresAt() == null || request.expiresAt().isEmpty()) {
            errors.add(new FieldError("expiresAt", "is required"));
        } else {
            try {
                expiresAt = Instant.parse(request.expiresAt());
                if (!expiresAt.isAfter(now)) {
                    errors.add(new FieldError("expiresAt", "must be in the future, was " + expiresAt));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("expiresAt", "must be an ISO-8601 instant such as 2027-01-31T00:00:00Z"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        datasets.latestVersion(ref, request.dataset()); // 404 when the project has no such dataset
        String dataset = ref.name() + "/" + request.dataset();
        Result r = calls.submit(calls.asProject(ref.name()), "DataSharing:grant", dataset, request.grantee(),
                request.purpose(), expiresAt.toString());
        Log.infof("ledger: %s granted to %s for %s until %s (tx %s)", dataset, request.grantee(), request.purpose(),
                expiresAt, r.txId());
        return grant(r.json(), now);
    }

    /** Revokes a grant on one of {@code project}'s datasets. The dataset itself need not exist any more. */
    public GrantView revoke(String project, String dataset, String grantee, String purpose) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        List<FieldError> errors = new ArrayList<>();
        AgreementRules.slug(errors, "dataset", dataset);
        AgreementRules.slug(errors, "grantee", grantee);
        AgreementRules.slug(errors, "purpose", purpose);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String ledgerDataset = ref.name() + "/" + dataset;
        Result r = calls.submit(calls.asProject(ref.name()), "DataSharing:revoke", ledgerDataset, grantee, purpose);
        Log.infof("ledger: %s revoked from %s for %s (tx %s)", ledgerDataset, grantee, purpose, r.txId());
        return grant(r.json(), Instant.now());
    }

    /** Every grant of one of {@code project}'s datasets, revoked and expired included, by grantee then purpose. */
    public Page<GrantView> given(String project, String dataset, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        List<FieldError> errors = new ArrayList<>();
        AgreementRules.slug(errors, "dataset", dataset);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return page(calls.evaluate(calls.asProject(ref.name()), "DataSharing:listByDataset", ref.name() + "/"
                + dataset).json(), page);
    }

    /** Every grant {@code project} received, revoked and expired included, by dataset then purpose. */
    public Page<GrantView> received(String project, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return page(calls.evaluate(calls.asProject(ref.name()), "DataSharing:listByGrantee", ref.name()).json(),
                page);
    }

    /**
     * Asks the ledger whether {@code project} may use a dataset for a purpose now; the ledger records the decision,
     * allowed or not, under its transaction id.
     */
    public AccessDecisionView check(String project, AccessCheck check) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        List<FieldError> errors = new ArrayList<>();
        if (check.dataset() == null || check.dataset().isEmpty()) {
            errors.add(new FieldError("dataset", "is required"));
        } else if (!AgreementRules.DATASET.matcher(check.dataset()).matches()) {
            errors.add(new FieldError("dataset", "must be <owner project>/<dataset>, e.g. acme/sales"));
        }
        AgreementRules.slug(errors, "purpose", check.purpose());
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return decide(ref, check.dataset(), check.purpose(), "asked to use");
    }

    /**
     * Submits {@code checkAccess} as {@code reader} for {@code dataset} ({@code <owner>/<name>}) and returns the
     * decision the ledger recorded; {@code verb} says in the log what the reader did.
     */
    AccessDecisionView decide(ProjectRef reader, String dataset, String purpose, String verb) {
        Result r = calls.submit(calls.asProject(reader.name()), "DataSharing:checkAccess", dataset, reader.name(),
                purpose);
        AccessDecisionView d = calls.read(r.json(), AccessDecisionView.class).inBlock(r.blockNumber());
        Log.infof("ledger: %s %s %s for %s: %s (%s, tx %s)", reader.name(), verb, dataset, purpose,
                d.allowed() ? "allowed" : "denied", d.reason(), r.txId());
        return d;
    }

    private GrantView grant(String json, Instant now) {
        return calls.read(json, GrantView.class).judgedAt(now);
    }

    private Page<GrantView> page(String json, PageRequest page) {
        Instant now = Instant.now();
        List<GrantView> all = calls.read(json, GRANTS);
        int from = (int) Math.min(page.offset(), all.size());
        int to = (int) Math.min((long) from + page.limit(), all.size());
        return new Page<>(all.subList(from, to).stream().map(g -> g.judgedAt(now)).toList(), page.offset(),
                page.limit(), all.size());
    }
}
