package ai.lepton.ledger.chaincode;

import java.time.Instant;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.jboss.logging.Logger;

/**
 * Compute leases between a capacity provider and a consumer, metered and settled on the ledger.
 *
 * <ol>
 * <li>{@code offer}: a provider offers capacity on a node or pool ({@link LeaseTerms}); the lease is
 * {@code OFFERED}.</li>
 * <li>{@code accept}: another identity accepts it and becomes the consumer; the lease is {@code ACTIVE} and its
 * periods run back to back from the acceptance's timestamp: period {@code n} is
 * {@code [start + n * periodSeconds, start + (n + 1) * periodSeconds)}.</li>
 * <li>{@code reportUsage}: once a period has ended (by the transaction's timestamp) the operator reports its usage in
 * unit-seconds and its measured availability (available seconds out of observed seconds), once.</li>
 * <li>{@code settle}: a party or the operator settles the periods in order; each settlement fixes the period's charge
 * and SLA credit ({@link Settlement}) and adds them to the lease's totals. When the last period of the full term is
 * settled the lease is {@code SETTLED}.</li>
 * <li>{@code terminate}: a party or the operator ends the lease early ({@code TERMINATED}). No further period begins;
 * the period in progress ends at the termination; periods that had begun are still reported and settled. An offer
 * can be withdrawn the same way by its provider or the operator.</li>
 * </ol>
 *
 * Only the provider, the consumer and the operator may act on a lease (usage only the operator, who measures it);
 * everyone else is refused. Reads are open to the channel, whose members replicate the state anyway.
 */
@Contract(name = "ComputeLease", info = @Info(title = "Lepton compute leases", version = "1"))
public final class ComputeLeaseContract implements ContractInterface {

    private static final Logger LOG = Logger.getLogger(ComputeLeaseContract.class);

    /**
     * Offers capacity. Idempotent for the same provider and terms (a retried offer returns the lease unchanged).
     *
     * @param leaseId the provider's id for the lease ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}), unique on the ledger
     * @param termsJson the {@link LeaseTerms} JSON
     * @return the {@link Lease} JSON, {@code OFFERED}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String offer(Context ctx, String leaseId, String termsJson) {
        Args.match("leaseId", leaseId, Args.ID);
        LeaseTerms terms = LeaseTerms.parse(termsJson);
        Caller caller = Caller.of(ctx);
        ChaincodeStub stub = ctx.getStub();
        String key = Keys.lease(stub, leaseId);
        String existing = State.get(stub, key);
        if (existing != null) {
            Lease lease = Lease.fromJson(existing);
            if (lease.state() == LeaseState.OFFERED && caller.is(lease.provider()) && lease.terms().equals(terms)) {
                return existing;
            }
            throw ErrorCode.ALREADY_EXISTS.refuse("lease %s exists (offered in tx %s)", leaseId, lease.offerTxId());
        }
        String json = Lease.offered(leaseId, caller.party(), terms, stub.getTxTimestamp(), stub.getTxId()).toJson();
        State.put(stub, key, json);
        State.event(stub, "LeaseOffered", json);
        LOG.debugf("lease %s offered in tx %s", leaseId, stub.getTxId());
        return json;
    }

    /**
     * Accepts an offer: the caller becomes the consumer and period 0 starts at this transaction's timestamp. The
     * provider cannot accept its own offer. Idempotent for the consumer while the lease is active.
     *
     * @return the {@link Lease} JSON, {@code ACTIVE}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String accept(Context ctx, String leaseId) {
        ChaincodeStub stub = ctx.getStub();
        Lease lease = load(stub, leaseId);
        Caller caller = Caller.of(ctx);
        if (lease.state() != LeaseState.OFFERED) {
            if (lease.state() == LeaseState.ACTIVE && caller.is(lease.consumer())) {
                return lease.toJson();
            }
            throw ErrorCode.INVALID_STATE.refuse("lease %s is %s, not OFFERED", leaseId, lease.state());
        }
        if (caller.is(lease.provider())) {
            throw ErrorCode.ACCESS_DENIED.refuse("the provider cannot accept its own offer %s", leaseId);
        }
        String json = lease.accepted(caller.party(), stub.getTxTimestamp()).toJson();
        State.put(stub, Keys.lease(stub, leaseId), json);
        State.event(stub, "LeaseAccepted", json);
        LOG.debugf("lease %s accepted in tx %s", leaseId, stub.getTxId());
        return json;
    }

    /**
     * Reports a period's usage and measured availability. Operator only; once per period (the same figures again
     * return the record unchanged, other figures are refused). The period must have ended.
     *
     * @param period the period's index, from 0
     * @param unitSeconds units times seconds used, at most {@code quantity} times the period's length
     * @param observedSeconds seconds over which availability was measured, 1 to the period's length
     * @param availableSeconds seconds of those during which the capacity was available, 0 to observedSeconds
     * @return the {@link LeasePeriod} JSON (no settlement yet)
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String reportUsage(Context ctx, String leaseId, String period, String unitSeconds, String observedSeconds,
            String availableSeconds) {
        long n = Args.integer("period", period, 0, LeaseTerms.MAX_PERIODS - 1);
        long units = Args.integer("unitSeconds", unitSeconds, 0, Long.MAX_VALUE);
        long observed = Args.integer("observedSeconds", observedSeconds, 1, Long.MAX_VALUE);
        long available = Args.integer("availableSeconds", availableSeconds, 0, Long.MAX_VALUE);
        ChaincodeStub stub = ctx.getStub();
        Lease lease = load(stub, leaseId);
        Caller caller = Caller.of(ctx);
        caller.requireOperator("report usage");
        requireStarted(lease);
        requireDue(lease, n);
        Instant end = lease.periodEnd(n);
        Instant now = stub.getTxTimestamp();
        if (now.isBefore(end)) {
            throw ErrorCode.PERIOD_NOT_ENDED.refuse("period %d of lease %s ends at %s", n, leaseId, end);
        }
        long length = lease.periodSeconds(n);
        Args.range("observedSeconds", observed, 1, length);
        Args.range("availableSeconds", available, 0, observed);
        Args.range("unitSeconds", units, 0, Math.multiplyExact(lease.terms().quantity(), length));
        String key = Keys.leasePeriod(stub, leaseId, n);
        String existing = State.get(stub, key);
        if (existing != null) {
            LeasePeriod reported = LeasePeriod.fromJson(existing);
            if (reported.usage().sameFigures(units, observed, available)) {
                return existing;
            }
            throw ErrorCode.REPORT_CONFLICT.refuse("usage of period %d of lease %s was reported with other figures "
                    + "in tx %s", n, leaseId, reported.usage().txId());
        }
        LeasePeriod.Usage usage = new LeasePeriod.Usage(units, observed, available, caller.party(), now,
                stub.getTxId());
        String json = new LeasePeriod(leaseId, n, lease.periodStart(n), end, usage, null).toJson();
        State.put(stub, key, json);
        State.event(stub, "UsageReported", json);
        return json;
    }

    /**
     * Settles a period: computes its charge and SLA credit ({@link Settlement}) and adds them to the lease's totals.
     * A party or the operator; periods in order; the period's usage must be reported. Settling a settled period
     * returns it unchanged.
     *
     * @param period the period's index, from 0
     * @return the {@link LeasePeriod} JSON with its settlement
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String settle(Context ctx, String leaseId, String period) {
        long n = Args.integer("period", period, 0, LeaseTerms.MAX_PERIODS - 1);
        ChaincodeStub stub = ctx.getStub();
        Lease lease = load(stub, leaseId);
        Caller caller = Caller.of(ctx);
        requirePartyOrOperator(caller, lease, "settle lease " + leaseId);
        requireStarted(lease);
        requireDue(lease, n);
        String key = Keys.leasePeriod(stub, leaseId, n);
        String existing = State.get(stub, key);
        LeasePeriod reported = existing == null ? null : LeasePeriod.fromJson(existing);
        if (reported != null && reported.settlement() != null) {
            return existing;
        }
        if (n != lease.settledPeriods()) {
            throw ErrorCode.PERIOD_OUT_OF_ORDER.refuse("period %d of lease %s must be settled first",
                    lease.settledPeriods(), leaseId);
        }
        if (reported == null) {
            throw ErrorCode.INVALID_STATE.refuse("usage of period %d of lease %s is not reported yet", n, leaseId);
        }
        LeaseTerms t = lease.terms();
        LeasePeriod.Usage u = reported.usage();
        long charge = Settlement.charge(u.unitSeconds(), t.pricePerUnitHourMinor());
        long credit = Settlement.credit(charge, t.availabilityTargetBp(), t.penaltyBpPerBp(), u.observedSeconds(),
                u.availableSeconds());
        LeasePeriod.Settled settled = new LeasePeriod.Settled(t.currency(), t.pricePerUnitHourMinor(), charge,
                t.availabilityTargetBp(), t.penaltyBpPerBp(), credit, charge - credit, caller.party(),
                stub.getTxTimestamp(), stub.getTxId());
        String json = reported.withSettlement(settled).toJson();
        State.put(stub, key, json);
        State.put(stub, Keys.lease(stub, leaseId), lease.settled(charge, credit).toJson());
        State.event(stub, "LeasePeriodSettled", json);
        LOG.debugf("lease %s period %d settled: charge %d, credit %d %s (tx %s)", leaseId, n, charge, credit,
                t.currency(), stub.getTxId());
        return json;
    }

    /**
     * Ends a lease early, or withdraws an offer. An active lease: a party or the operator, before its term is over.
     * An offer: its provider or the operator. Terminating a terminated lease returns it unchanged.
     *
     * @return the {@link Lease} JSON, {@code TERMINATED}
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String terminate(Context ctx, String leaseId) {
        ChaincodeStub stub = ctx.getStub();
        Lease lease = load(stub, leaseId);
        Caller caller = Caller.of(ctx);
        requirePartyOrOperator(caller, lease, "terminate lease " + leaseId);
        Instant now = stub.getTxTimestamp();
        switch (lease.state()) {
            case TERMINATED -> {
                return lease.toJson();
            }
            case SETTLED -> throw ErrorCode.INVALID_STATE.refuse("lease %s is SETTLED", leaseId);
            case ACTIVE -> {
                if (now.isBefore(lease.startsAt())) {
                    // proposal timestamps come from the submitting client, and Fabric does not order them
                    throw ErrorCode.INVALID_ARGUMENT.refuse("the transaction's timestamp %s precedes the start %s of "
                            + "lease %s", now, lease.startsAt(), leaseId);
                }
                if (!now.isBefore(lease.endsAt())) {
                    throw ErrorCode.INVALID_STATE.refuse("the term of lease %s ended at %s; settle its periods",
                            leaseId, lease.endsAt());
                }
            }
            case OFFERED -> {
                // the consumer field is empty: requirePartyOrOperator let only the provider or the operator through
            }
            default -> throw new IllegalStateException(lease.state().name());
        }
        String json = lease.terminated(caller.party(), now).toJson();
        State.put(stub, Keys.lease(stub, leaseId), json);
        State.event(stub, "LeaseTerminated", json);
        LOG.debugf("lease %s terminated in tx %s", leaseId, stub.getTxId());
        return json;
    }

    /**
     * A lease.
     *
     * @return the {@link Lease} JSON; {@link ErrorCode#NOT_FOUND} for an unknown id
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String leaseId) {
        return load(ctx.getStub(), leaseId).toJson();
    }

    /**
     * A reported (and maybe settled) period.
     *
     * @return the {@link LeasePeriod} JSON; {@link ErrorCode#NOT_FOUND} when its usage is not reported
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPeriod(Context ctx, String leaseId, String period) {
        Args.match("leaseId", leaseId, Args.ID);
        long n = Args.integer("period", period, 0, LeaseTerms.MAX_PERIODS - 1);
        String json = State.get(ctx.getStub(), Keys.leasePeriod(ctx.getStub(), leaseId, n));
        if (json == null) {
            throw ErrorCode.NOT_FOUND.refuse("no usage is reported for period %d of lease %s", n, leaseId);
        }
        return json;
    }

    private static Lease load(ChaincodeStub stub, String leaseId) {
        Args.match("leaseId", leaseId, Args.ID);
        String json = State.get(stub, Keys.lease(stub, leaseId));
        if (json == null) {
            throw ErrorCode.NOT_FOUND.refuse("no lease %s", leaseId);
        }
        return Lease.fromJson(json);
    }

    private static void requirePartyOrOperator(Caller caller, Lease lease, String action) {
        if (!caller.is(lease.provider()) && !caller.is(lease.consumer()) && !caller.isOperator()) {
            throw ErrorCode.ACCESS_DENIED.refuse("only the lease's parties or the operator may %s", action);
        }
    }

    private static void requireStarted(Lease lease) {
        if (lease.startsAt() == null) {
            throw ErrorCode.INVALID_STATE.refuse("lease %s was never accepted (%s)", lease.leaseId(), lease.state());
        }
    }

    private static void requireDue(Lease lease, long n) {
        if (lease.periodsDue() == 0) {
            throw ErrorCode.INVALID_STATE.refuse("lease %s ended before its first period began", lease.leaseId());
        }
        if (n >= lease.periodsDue()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("lease %s has periods 0 to %d", lease.leaseId(),
                    lease.periodsDue() - 1);
        }
    }
}
