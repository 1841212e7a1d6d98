package ai.lepton.ledger.service;

import ai.lepton.ledger.api.LeaseOffer;
import ai.lepton.ledger.api.UsageReport;
import ai.lepton.platform.api.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The input rules of the lease and data-sharing contracts, checked before anything is submitted so that a bad request
 * is a 400 naming each field at fault rather than the contract's first complaint. They mirror the bounds of the
 * chaincode's {@code LeaseTerms} and {@code Args}; the contract checks them again, and stays the authority.
 */
final class AgreementRules {

    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern LEASE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final Pattern DATASET = Pattern.compile("(" + SLUG.pattern() + ")/(" + SLUG.pattern() + ")");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern RESOURCE = Pattern.compile("[a-z][A-Za-z0-9]{0,62}");
    private static final long MAX_PERIOD_SECONDS = 366L * 86_400;
    private static final long MAX_LEASE_SECONDS = 10 * MAX_PERIOD_SECONDS;
    private static final String SLUG_RULE = "must be 1-63 lower-case letters, digits or inner hyphens";

    private AgreementRules() {
    }

    /** Every problem with an offer, by field. */
    static List<FieldError> offer(LeaseOffer o) {
        List<FieldError> errors = new ArrayList<>();
        if (o.leaseId() != null && !LEASE_ID.matcher(o.leaseId()).matches()) {
            errors.add(new FieldError("leaseId", "must match " + LEASE_ID.pattern()));
        }
        if (o.target() == null) {
            errors.add(new FieldError("target", "is required: {\"kind\":\"node\"|\"pool\",\"name\":...}"));
        } else {
            if (!"node".equals(o.target().kind()) && !"pool".equals(o.target().kind())) {
                errors.add(new FieldError("target.kind", "must be node or pool"));
            }
            slug(errors, "target.name", o.target().name());
        }
        if (o.resources() != null) {
            if (o.resources().size() > 32) {
                errors.add(new FieldError("resources", "at most 32 resources"));
            }
            for (Map.Entry<String, Long> r : o.resources().entrySet()) {
                if (!RESOURCE.matcher(r.getKey()).matches()) {
                    errors.add(new FieldError("resources." + r.getKey(), "names must be camelCase: "
                            + RESOURCE.pattern()));
                }
                range(errors, "resources." + r.getKey(), r.getValue(), 0, 1_000_000_000_000L);
            }
        }
        slug(errors, "unit", o.unit());
        range(errors, "quantity", o.quantity(), 1, 100_000);
        if (o.currency() == null || !CURRENCY.matcher(o.currency()).matches()) {
            errors.add(new FieldError("currency", "must be an ISO 4217 code such as EUR"));
        }
        range(errors, "pricePerUnitHourMinor", o.pricePerUnitHourMinor(), 0, 1_000_000_000);
        boolean periodOk = range(errors, "periodSeconds", o.periodSeconds(), 60, MAX_PERIOD_SECONDS);
        boolean periodsOk = range(errors, "periods", o.periods(), 1, 10_000);
        if (periodOk && periodsOk && o.periods() * o.periodSeconds() > MAX_LEASE_SECONDS) {
            errors.add(new FieldError("periods", "periods * periodSeconds must be at most " + MAX_LEASE_SECONDS
                    + " s (ten years)"));
        }
        range(errors, "availabilityTargetBp", o.availabilityTargetBp(), 0, 10_000);
        range(errors, "penaltyBpPerBp", o.penaltyBpPerBp(), 0, 10_000);
        return errors;
    }

    /** Every problem with a usage report that can be seen without the lease (the contract checks the rest). */
    static List<FieldError> usage(UsageReport u) {
        List<FieldError> errors = new ArrayList<>();
        range(errors, "unitSeconds", u.unitSeconds(), 0, Long.MAX_VALUE);
        boolean observedOk = range(errors, "observedSeconds", u.observedSeconds(), 1, Long.MAX_VALUE);
        if (range(errors, "availableSeconds", u.availableSeconds(), 0, Long.MAX_VALUE) && observedOk
                && u.availableSeconds() > u.observedSeconds()) {
            errors.add(new FieldError("availableSeconds", "must be at most observedSeconds"));
        }
        return errors;
    }

    /** Adds an error unless {@code value} is a slug; true when it is. */
    static boolean slug(List<FieldError> errors, String field, String value) {
        if (value == null || value.isEmpty()) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (!SLUG.matcher(value).matches()) {
            errors.add(new FieldError(field, SLUG_RULE));
            return false;
        }
        return true;
    }

    private static boolean range(List<FieldError> errors, String field, Long value, long min, long max) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (value < min || value > max) {
            errors.add(new FieldError(field, max == Long.MAX_VALUE ? "must be at least " + min
                    : "must be between " + min + " and " + max));
            return false;
        }
        return true;
    }
}
