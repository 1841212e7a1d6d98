package ai.lepton.ledger.service;

import ai.lepton.ledger.api.LeaseOffer;
import ai.lepton.ledger.api.LeasePeriodView;
import ai.lepton.ledger.api.LeaseSummary;
import ai.lepton.ledger.api.LeaseTerms;
import ai.lepton.ledger.api.LeaseView;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.UsageReport;
import ai.lepton.ledger.chaincode.ErrorCode;
import ai.lepton.ledger.service.ContractCalls.Result;
import ai.lepton.ledger.store.LeaseEntity;
import ai.lepton.ledger.store.LeaseRepository;
import ai.lepton.ledger.store.LeaseRepository.Side;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

/**
 * Compute leases between projects through the {@code ComputeLease} contract: a provider project offers capacity, a
 * consumer project accepts, the operator reports each ended period's usage, a party settles it.
 *
 * <p>Every change is submitted as the acting project's own ledger identity (the operator's for usage), so the contract
 * decides who may do what. A lease is visible to its two parties, and to everyone while it is an open offer; to
 * anyone else it does not exist (404, worded as the contract words a missing lease). The ledger is the source of
 * truth; {@code ledger_lease} keeps what the platform last saw of each lease, for listings.
 */
@ApplicationScoped
public class LeaseService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final ContractCalls calls;
    private final LeaseRepository leases;
    private final Projects projects;
    private final CurrentPrincipal principal;
    private final LedgerClock clock;

    public LeaseService(ContractCalls calls, LeaseRepository leases, Projects projects, CurrentPrincipal principal,
            LedgerClock clock) {
        this.clock = clock;
        this.calls = calls;
        this.leases = leases;
        this.projects = projects;
        this.principal = principal;
    }

    /** Offers capacity as {@code project}, which becomes the provider. */
    public LeaseView offer(String project, LeaseOffer offer) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        List<FieldError> errors = AgreementRules.offer(offer);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        String leaseId = offer.leaseId() != null ? offer.leaseId()
                : "lease-" + DAY.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Result r = calls.submit(calls.asProject(ref.name()), "ComputeLease:offer", leaseId,
                calls.write(offer.toTerms()));
        LeaseView lease = calls.read(r.json(), LeaseView.class).submittedIn(r.txId(), r.blockNumber());
        remember(lease);
        Log.infof("ledger: lease %s offered by %s: %d %s at %d %s per unit-hour (tx %s)", leaseId, ref.name(),
                offer.quantity(), offer.unit(), offer.pricePerUnitHourMinor(), offer.currency(), r.txId());
        return lease;
    }

    /** A lease, read from the ledger. */
    public LeaseView get(String project, String leaseId) {
        return visible(projects.authorize(project, Action.READ), leaseId);
    }

    /** A project's leases from the listing table, newest offer first; {@code role}: provider, consumer or null. */
    public Page<LeaseSummary> list(String project, String role, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        Side side;
        if (role == null || role.isEmpty()) {
            side = Side.EITHER;
        } else if (role.equals("provider")) {
            side = Side.PROVIDER;
        } else if (role.equals("consumer")) {
            side = Side.CONSUMER;
        } else {
            throw ProblemException.invalid("role", "must be provider or consumer, not '" + role + "'");
        }
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(leases.ofProject(ref.name(), side,
                page.offset(), page.limit()).stream().map(this::summary).toList(), page.offset(), page.limit(),
                leases.countOfProject(ref.name(), side)));
    }

    /** Open offers (any key), newest first. */
    public Page<LeaseSummary> offers(PageRequest page) {
        principal.get();
        return QuarkusTransaction.joiningExisting().call(() -> new Page<>(leases.inState("OFFERED", page.offset(),
                page.limit()).stream().map(this::summary).toList(), page.offset(), page.limit(),
                leases.countInState("OFFERED")));
    }

    /** Accepts an open offer as {@code project}, which becomes the consumer; period 0 starts now. */
    public LeaseView accept(String project, String leaseId) {
        return change(project, leaseId, "accept", "accepted");
    }

    /** Ends a lease early (a party), or withdraws an offer (its provider). */
    public LeaseView terminate(String project, String leaseId) {
        return change(project, leaseId, "terminate", "terminated");
    }

    /** Settles a period (a party): fixes its charge and SLA credit. */
    public LeasePeriodView settle(String project, String leaseId, long period) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        requirePeriodIndex(period);
        visible(ref, leaseId);
        LedgerIdentity me = calls.asProject(ref.name());
        Result r = calls.submit(me, "ComputeLease:settle", leaseId, Long.toString(period));
        LeasePeriodView settled = periodView(r.json(), clock.now());
        remember(calls.read(calls.evaluate(me, "ComputeLease:get", leaseId).json(), LeaseView.class));
        Log.infof("ledger: lease %s period %d settled by %s: charge %d, credit %d, net %d %s (tx %s)", leaseId,
                period, ref.name(), settled.settlement().chargeMinor(), settled.settlement().creditMinor(),
                settled.settlement().netMinor(), settled.settlement().currency(), r.txId());
        return settled;
    }

    /** A period of a lease: its window and, once reported and settled, its usage and amounts. */
    public LeasePeriodView period(String project, String leaseId, long period) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        requirePeriodIndex(period);
        LeaseView lease = visible(ref, leaseId);
        if (lease.startsAt() == null) {
            throw ProblemException.notFound("lease " + leaseId + " was never accepted: it has no periods");
        }
        if (period >= lease.periodsDue()) {
            throw ProblemException.notFound("lease " + leaseId + (lease.periodsDue() == 0 ? " has no periods"
                    : " has periods 0 to " + (lease.periodsDue() - 1)));
        }
        Instant now = clock.now();
        try {
            return periodView(calls.evaluate(calls.asProject(ref.name()), "ComputeLease:getPeriod", leaseId,
                    Long.toString(period)).json(), now);
        } catch (ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        // not reported yet: the window follows from the lease
        long length = lease.terms().periodSeconds();
        Instant start = lease.startsAt().plusSeconds(period * length);
        Instant fullEnd = start.plusSeconds(length);
        Instant end = lease.endsAt() != null && lease.endsAt().isBefore(fullEnd) ? lease.endsAt() : fullEnd;
        String status = now.isBefore(start) ? "UPCOMING" : now.isBefore(end) ? "RUNNING" : "ENDED";
        return new LeasePeriodView(leaseId, period, status, start, end, null, null);
    }

    /** Reports an ended period's usage as the platform's operator (installation admin or operator keys). */
    public LeasePeriodView reportUsage(String leaseId, long period, UsageReport report) {
        Principal p = principal.get();
        if (p.projectId() != null || !p.role().permits(Action.WRITE)) {
            throw ProblemException.forbidden("usage is measured and reported by the platform's operator: an "
                    + "installation admin or operator key is required");
        }
        requirePeriodIndex(period);
        List<FieldError> errors = AgreementRules.usage(report);
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        if (!AgreementRules.LEASE_ID.matcher(leaseId).matches()) {
            throw ProblemException.notFound("no lease " + leaseId);
        }
        Result r = calls.submit(calls.asOperator(), "ComputeLease:reportUsage", leaseId, Long.toString(period),
                report.unitSeconds().toString(), report.observedSeconds().toString(),
                report.availableSeconds().toString());
        Log.infof("ledger: lease %s period %d usage reported by key '%s': %d unit-seconds, %d/%d s available (tx %s)",
                leaseId, period, p.keyName(), report.unitSeconds(), report.availableSeconds(),
                report.observedSeconds(), r.txId());
        return periodView(r.json(), clock.now());
    }

    private LeaseView change(String project, String leaseId, String transaction, String verb) {
        ProjectRef ref = projects.authorize(project, Action.WRITE);
        visible(ref, leaseId);
        Result r = calls.submit(calls.asProject(ref.name()), "ComputeLease:" + transaction, leaseId);
        LeaseView lease = calls.read(r.json(), LeaseView.class).submittedIn(r.txId(), r.blockNumber());
        remember(lease);
        Log.infof("ledger: lease %s %s by %s, now %s (tx %s)", leaseId, verb, ref.name(), lease.state(), r.txId());
        return lease;
    }

    /**
     * The lease if {@code ref} may see it: a party, or anyone while it is an open offer. Otherwise the same 404 the
     * contract gives for a lease that does not exist, so that nothing about other projects' leases leaks.
     */
    private LeaseView visible(ProjectRef ref, String leaseId) {
        if (!AgreementRules.LEASE_ID.matcher(leaseId).matches()) {
            throw ProblemException.notFound("no lease " + leaseId);
        }
        Result r = calls.evaluate(calls.asProject(ref.name()), "ComputeLease:get", leaseId);
        LeaseView lease = calls.read(r.json(), LeaseView.class);
        boolean party = (lease.provider() != null && ref.name().equals(lease.provider().project()))
                || (lease.consumer() != null && ref.name().equals(lease.consumer().project()));
        if (!party && !"OFFERED".equals(lease.state())) {
            throw ContractCalls.refusal(r.txId(), ErrorCode.NOT_FOUND, "no lease " + leaseId);
        }
        return lease;
    }

    private static void requirePeriodIndex(long period) {
        if (period < 0) {
            throw ProblemException.invalid("period", "must be 0 or more, was " + period);
        }
    }

    private LeasePeriodView periodView(String json, Instant now) {
        LeasePeriodView v = calls.read(json, LeasePeriodView.class);
        String status = v.settlement() != null ? "SETTLED" : v.usage() != null ? "REPORTED"
                : now.isBefore(v.endsAt()) ? "RUNNING" : "ENDED";
        return new LeasePeriodView(v.leaseId(), v.period(), status, v.startsAt(), v.endsAt(), v.usage(),
                v.settlement());
    }

    /**
     * Records what the ledger just said about a lease in the listing table. The ledger has committed by now, so a
     * failure here is logged, not reported: the next change to the lease rewrites its row.
     */
    private void remember(LeaseView lease) {
        if (lease.provider() == null || lease.provider().project() == null) {
            return; // offered by an identity that acts for no project here (another organisation): nothing to list
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                LeaseEntity e = leases.byLeaseId(lease.leaseId()).orElse(null);
                if (e == null) {
                    e = new LeaseEntity();
                    e.leaseId = lease.leaseId();
                    e.providerProject = lease.provider().project();
                    e.termsJson = calls.write(lease.terms());
                    e.offeredAt = lease.offeredAt();
                    e.state = lease.state();
                    e.updatedAt = Instant.now();
                    leases.persist(e);
                }
                e.consumerProject = lease.consumer() == null ? null : lease.consumer().project();
                e.state = lease.state();
                e.updatedAt = Instant.now();
            });
        } catch (RuntimeException ex) {
            Log.warnf("ledger: lease %s is %s on the ledger, but its listing row could not be written: %s",
                    lease.leaseId(), lease.state(), ex.getMessage());
        }
    }

    private LeaseSummary summary(LeaseEntity e) {
        return new LeaseSummary(e.leaseId, e.state, e.providerProject, e.consumerProject,
                calls.read(e.termsJson, LeaseTerms.class), e.offeredAt, e.updatedAt);
    }
}
