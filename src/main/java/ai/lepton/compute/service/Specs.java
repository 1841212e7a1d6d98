package ai.lepton.compute.service;

import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.ReplicaReport;
import ai.lepton.compute.api.ResourceSpec;
import ai.lepton.compute.api.WorkloadSpec;
import ai.lepton.compute.scheduler.AutoscalePolicy;
import ai.lepton.compute.scheduler.MatchExpression;
import ai.lepton.compute.scheduler.MetricKind;
import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeKind;
import ai.lepton.compute.scheduler.NodeSelectorTerm;
import ai.lepton.compute.scheduler.PowerModel;
import ai.lepton.compute.scheduler.PreferredTerm;
import ai.lepton.compute.scheduler.Priorities;
import ai.lepton.compute.scheduler.Resources;
import ai.lepton.compute.scheduler.ScoringStrategy;
import ai.lepton.compute.scheduler.Taint;
import ai.lepton.compute.scheduler.TaintEffect;
import ai.lepton.compute.scheduler.Toleration;
import ai.lepton.compute.scheduler.TopologyKey;
import ai.lepton.compute.scheduler.TopologySpread;
import ai.lepton.compute.scheduler.Workload;
import ai.lepton.compute.scheduler.WorkloadType;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.Slug;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns API specs into scheduler records, collecting one {@link FieldError} per invalid field (dotted paths such as
 * {@code capacity.cpuMillis} or {@code taints[1].effect}) so a client sees every problem at once.
 */
final class Specs {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final int MAX_REPLICAS = 10_000;

    private Specs() {
    }

    // ------------------------------------------------------------------ nodes

    static Node node(NodeSpec s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.name() == null || !s.name().matches(Slug.REGEX)) {
            errors.add(new FieldError("name", Slug.MESSAGE));
        }
        NodeKind kind = NodeKind.CLOUD;
        if (s.kind() != null) {
            try {
                kind = NodeKind.fromWire(s.kind());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("kind", "must be cloud, datacenter or edge, not '" + s.kind() + "'"));
            }
        }
        Resources capacity = resources("capacity", s.capacity(), true, errors);
        Resources allocatable = s.allocatable() == null ? null : resources("allocatable", s.allocatable(), true,
                errors);
        if (capacity != null && allocatable != null && !allocatable.fitsIn(capacity)) {
            errors.add(new FieldError("allocatable", "must not exceed capacity"));
        }
        List<Taint> taints = new ArrayList<>();
        List<NodeSpec.Taint> ts = s.taints() == null ? List.of() : s.taints();
        for (int i = 0; i < ts.size(); i++) {
            NodeSpec.Taint t = ts.get(i);
            String f = "taints[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(f, "must not be null"));
                continue;
            }
            if (t.key() == null || t.key().isBlank()) {
                errors.add(new FieldError(f + ".key", "is required"));
            }
            TaintEffect effect = effect(f + ".effect", t.effect(), true, errors);
            if (t.key() != null && !t.key().isBlank() && effect != null) {
                taints.add(new Taint(t.key(), t.value(), effect));
            }
        }
        labels("labels", s.labels(), errors);
        double cost = s.costPerHour() == null ? 0 : s.costPerHour();
        if (!(cost >= 0) || Double.isInfinite(cost)) {
            errors.add(new FieldError("costPerHour", "must be a finite number >= 0"));
        }
        PowerModel power = PowerModel.UNMETERED;
        if (s.power() != null) {
            Double idle = s.power().idleWatts();
            Double max = s.power().maxWatts();
            if (idle == null || !(idle >= 0) || idle.isInfinite()) {
                errors.add(new FieldError("power.idleWatts", "must be a finite number >= 0"));
            } else if (max == null || !(max >= idle) || max.isInfinite()) {
                errors.add(new FieldError("power.maxWatts", "must be a finite number >= idleWatts"));
            } else {
                power = new PowerModel(idle, max);
            }
        }
        fail(errors);
        return Node.builder(s.name()).kind(kind).region(s.region()).zone(s.zone()).site(s.site()).capacity(capacity)
                .allocatable(allocatable).labels(s.labels() == null ? Map.of() : s.labels()).taints(taints)
                .costPerHour(cost).power(power).build();
    }

    /** The spec as stored and shown: defaults filled in. */
    static NodeSpec normalise(NodeSpec s, Node n) {
        return new NodeSpec(n.name(), n.kind().wireName(), n.region(), n.zone(), n.site(), view(n.capacity()),
                s.allocatable() == null ? null : view(n.allocatable()), n.labels(), n.taints().stream()
                        .map(t -> new NodeSpec.Taint(t.key(), t.value(), t.effect().wireName())).toList(),
                n.costPerHour(), new NodeSpec.Power(n.power().idleWatts(), n.power().maxWatts()));
    }

    // ------------------------------------------------------------------ workloads

    /**
     * The scheduler's workload for a spec.
     *
     * @param qualified the scheduler's name, {@code project/name}
     */
    static Workload workload(String project, String qualified, WorkloadSpec s) {
        List<FieldError> errors = new ArrayList<>();
        if (s.name() == null || !s.name().matches(Slug.REGEX)) {
            errors.add(new FieldError("name", Slug.MESSAGE));
        }
        WorkloadType type = WorkloadType.DEPLOYMENT;
        if (s.type() != null) {
            try {
                type = WorkloadType.fromWire(s.type());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "must be job or deployment, not '" + s.type() + "'"));
            }
        }
        int replicas = s.replicas() == null ? 1 : s.replicas();
        if (replicas < 0 || replicas > MAX_REPLICAS) {
            errors.add(new FieldError("replicas", "must be between 0 and " + MAX_REPLICAS));
        }
        Resources resources = resources("resources", s.resources(), false, errors);
        int priority = Priorities.DEFAULT;
        if (s.priority() instanceof Number n) {
            priority = n.intValue();
        } else if (s.priority() instanceof String p) {
            try {
                priority = Priorities.of(p);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("priority", "must be an integer or one of "
                        + Priorities.classes().keySet()));
            }
        } else if (s.priority() != null) {
            errors.add(new FieldError("priority", "must be an integer or a class name"));
        }
        labels("nodeSelector", s.nodeSelector(), errors);
        Workload.Builder b = Workload.builder(qualified).project(project).type(type).replicas(Math.max(0, replicas))
                .priority(priority).preemptible(s.preemptible() == null || s.preemptible())
                .gang(Boolean.TRUE.equals(s.gang())).dataSourceSite(s.dataSourceSite());
        if (resources != null) {
            b.resources(resources);
        }
        if (s.nodeSelector() != null) {
            s.nodeSelector().forEach(b::nodeSelector);
        }
        if (s.affinity() != null) {
            List<WorkloadSpec.Term> req = s.affinity().required() == null ? List.of() : s.affinity().required();
            for (int i = 0; i < req.size(); i++) {
                NodeSelectorTerm t = term("affinity.required[" + i + "]", req.get(i), errors);
                if (t != null) {
                    b.requiredTerm(t);
                }
            }
            List<WorkloadSpec.Preferred> pref = s.affinity().preferred() == null ? List.of()
                    : s.affinity().preferred();
            for (int i = 0; i < pref.size(); i++) {
                String f = "affinity.preferred[" + i + "]";
                WorkloadSpec.Preferred p = pref.get(i);
                if (p == null || p.weight() == null || p.weight() < 1 || p.weight() > 100) {
                    errors.add(new FieldError(f + ".weight", "must be 1 to 100"));
                    continue;
                }
                NodeSelectorTerm t = term(f + ".preference", p.preference(), errors);
                if (t != null) {
                    b.preferred(p.weight(), t.matchExpressions().toArray(MatchExpression[]::new));
                }
            }
        }
        if (s.antiAffinity() != null) {
            try {
                b.antiAffinity(TopologyKey.fromWire(s.antiAffinity()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("antiAffinity", "must be hostname, zone, site or region"));
            }
        }
        List<WorkloadSpec.Spread> spreads = s.topologySpread() == null ? List.of() : s.topologySpread();
        Set<TopologyKey> seen = new HashSet<>();
        for (int i = 0; i < spreads.size(); i++) {
            String f = "topologySpread[" + i + "]";
            WorkloadSpec.Spread sp = spreads.get(i);
            TopologyKey key = null;
            try {
                key = sp == null || sp.key() == null ? null : TopologyKey.fromWire(sp.key());
            } catch (IllegalArgumentException e) {
                key = null;
            }
            if (key == null || key == TopologyKey.HOSTNAME) {
                errors.add(new FieldError(f + ".key", "must be zone, site or region (use antiAffinity for hostname)"));
                continue;
            }
            if (!seen.add(key)) {
                errors.add(new FieldError(f + ".key", "a second constraint on " + key.wireName()));
                continue;
            }
            int skew = sp.maxSkew() == null ? 1 : sp.maxSkew();
            if (skew < 1) {
                errors.add(new FieldError(f + ".maxSkew", "must be at least 1"));
                continue;
            }
            b.spread(key, skew);
        }
        List<WorkloadSpec.Toleration> tols = s.tolerations() == null ? List.of() : s.tolerations();
        for (int i = 0; i < tols.size(); i++) {
            String f = "tolerations[" + i + "]";
            WorkloadSpec.Toleration t = tols.get(i);
            if (t == null) {
                errors.add(new FieldError(f, "must not be null"));
                continue;
            }
            Toleration.Operator op = Toleration.Operator.EQUAL;
            if (t.operator() != null) {
                String o = t.operator().trim().toLowerCase(Locale.ROOT);
                if (o.equals("exists")) {
                    op = Toleration.Operator.EXISTS;
                } else if (!o.equals("equal")) {
                    errors.add(new FieldError(f + ".operator", "must be Equal or Exists"));
                    continue;
                }
            }
            if ((t.key() == null || t.key().isBlank()) && op != Toleration.Operator.EXISTS) {
                errors.add(new FieldError(f + ".key", "is required unless the operator is Exists"));
                continue;
            }
            TaintEffect effect = effect(f + ".effect", t.effect(), false, errors);
            if (t.effect() != null && effect == null) {
                continue;
            }
            b.toleration(new Toleration(t.key(), op, t.value(), effect));
        }
        if (s.strategy() != null) {
            try {
                b.strategy(ScoringStrategy.fromWire(s.strategy()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("strategy", "must be binpack, spread, cost, energy or latency"));
            }
        }
        if (s.maxRetries() != null && s.maxRetries() < 0) {
            errors.add(new FieldError("maxRetries", "must be 0 or more"));
        }
        if (s.ttlSecondsAfterFinished() != null && s.ttlSecondsAfterFinished() < 0) {
            errors.add(new FieldError("ttlSecondsAfterFinished", "must be 0 or more"));
        }
        if (type == WorkloadType.DEPLOYMENT && (s.maxRetries() != null || s.ttlSecondsAfterFinished() != null)) {
            errors.add(new FieldError(s.maxRetries() != null ? "maxRetries" : "ttlSecondsAfterFinished",
                    "applies to jobs only"));
        } else if (s.maxRetries() != null && s.maxRetries() >= 0) {
            b.maxRetries(s.maxRetries());
        }
        if (s.autoscale() != null) {
            if (type == WorkloadType.JOB) {
                errors.add(new FieldError("autoscale", "applies to deployments only"));
            } else {
                autoscale(s.autoscale(), errors);
            }
        }
        fail(errors);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("spec", e.getMessage());
        }
    }

    /** The autoscaling policy of a (validated) spec, or null. */
    static AutoscalePolicy autoscale(WorkloadSpec.Autoscale a, List<FieldError> errors) {
        int min = a.minReplicas() == null ? 1 : a.minReplicas();
        int max = a.maxReplicas() == null ? Math.max(1, min) : a.maxReplicas();
        if (min < 0) {
            errors.add(new FieldError("autoscale.minReplicas", "must be 0 or more"));
        }
        if (max < Math.max(1, min) || max > MAX_REPLICAS) {
            errors.add(new FieldError("autoscale.maxReplicas", "must be at least max(1, minReplicas) and at most "
                    + MAX_REPLICAS));
        }
        MetricKind metric = MetricKind.IN_FLIGHT_PER_REPLICA;
        if (a.metric() != null) {
            switch (a.metric().trim().toLowerCase(Locale.ROOT)) {
                case "inflight" -> metric = MetricKind.IN_FLIGHT_PER_REPLICA;
                case "cpu" -> metric = MetricKind.CPU_UTILISATION;
                default -> errors.add(new FieldError("autoscale.metric", "must be inflight or cpu"));
            }
        }
        double target = a.target() == null ? (metric == MetricKind.CPU_UTILISATION ? 0.7 : 10) : a.target();
        if (!(target > 0) || Double.isInfinite(target)) {
            errors.add(new FieldError("autoscale.target", "must be a positive number"));
        }
        Duration up = duration("autoscale.scaleUpWindow", a.scaleUpWindow(), Duration.ZERO, errors);
        Duration down = duration("autoscale.scaleDownWindow", a.scaleDownWindow(), Duration.ofMinutes(5), errors);
        Duration idle = duration("autoscale.scaleToZeroAfter", a.scaleToZeroAfter(), null, errors);
        double tolerance = a.tolerance() == null ? 0.1 : a.tolerance();
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            errors.add(new FieldError("autoscale.tolerance", "must be a number >= 0"));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new AutoscalePolicy(min, max, metric, target, up, down, tolerance, idle);
    }

    // ------------------------------------------------------------------ parts

    static Resources resources(String field, ResourceSpec r, boolean node, List<FieldError> errors) {
        if (r == null) {
            if (node) {
                errors.add(new FieldError(field, "is required"));
                return null;
            }
            return Resources.ZERO;
        }
        boolean ok = true;
        if (r.cpuMillis() == null ? node : r.cpuMillis() < 0) {
            errors.add(new FieldError(field + ".cpuMillis", node ? "is required and must be 0 or more"
                    : "must be 0 or more"));
            ok = false;
        }
        if (r.memoryMiB() == null ? node : r.memoryMiB() < 0) {
            errors.add(new FieldError(field + ".memoryMiB", node ? "is required and must be 0 or more"
                    : "must be 0 or more"));
            ok = false;
        }
        if (r.gpus() != null && r.gpus() < 0) {
            errors.add(new FieldError(field + ".gpus", "must be 0 or more"));
            ok = false;
        }
        if (!ok) {
            return null;
        }
        return new Resources(r.cpuMillis() == null ? 0 : r.cpuMillis(), r.memoryMiB() == null ? 0 : r.memoryMiB(),
                r.gpus() == null ? 0 : r.gpus(), r.gpuModel());
    }

    static ResourceSpec view(Resources r) {
        return new ResourceSpec(r.cpuMillis(), r.memoryMiB(), r.gpus(), r.gpuModel());
    }

    private static TaintEffect effect(String field, String effect, boolean required, List<FieldError> errors) {
        if (effect == null) {
            if (required) {
                errors.add(new FieldError(field, "is required: NoSchedule, PreferNoSchedule or NoExecute"));
            }
            return null;
        }
        try {
            return TaintEffect.fromWire(effect);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "must be NoSchedule, PreferNoSchedule or NoExecute, not '" + effect
                    + "'"));
            return null;
        }
    }

    private static void labels(String field, Map<String, String> labels, List<FieldError> errors) {
        if (labels == null) {
            return;
        }
        labels.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > 253) {
                errors.add(new FieldError(field, "keys must be 1 to 253 characters"));
            } else if (v == null) {
                errors.add(new FieldError(field + "." + k, "must not be null"));
            }
        });
    }

    private static NodeSelectorTerm term(String field, WorkloadSpec.Term t, List<FieldError> errors) {
        if (t == null || t.matchExpressions() == null || t.matchExpressions().isEmpty()) {
            errors.add(new FieldError(field + ".matchExpressions", "give at least one expression"));
            return null;
        }
        List<MatchExpression> out = new ArrayList<>();
        for (int j = 0; j < t.matchExpressions().size(); j++) {
            String f = field + ".matchExpressions[" + j + "]";
            WorkloadSpec.Expression e = t.matchExpressions().get(j);
            if (e == null || e.key() == null || e.key().isBlank()) {
                errors.add(new FieldError(f + ".key", "is required"));
                continue;
            }
            MatchExpression.Operator op;
            try {
                op = MatchExpression.Operator.fromWire(e.operator() == null ? "" : e.operator());
            } catch (IllegalArgumentException x) {
                errors.add(new FieldError(f + ".operator", "must be In, NotIn, Exists, DoesNotExist, Gt or Lt"));
                continue;
            }
            try {
                out.add(new MatchExpression(e.key(), op, e.values()));
            } catch (IllegalArgumentException x) {
                errors.add(new FieldError(f + ".values", x.getMessage()));
            }
        }
        return out.size() == t.matchExpressions().size() ? new NodeSelectorTerm(out) : null;
    }

    /** {@code 30s}, {@code 5m}, {@code 500ms}, {@code 1h} or ISO-8601 ({@code PT5M}). */
    static Duration duration(String field, String s, Duration otherwise, List<FieldError> errors) {
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        Matcher m = DURATION.matcher(s.trim());
        if (m.matches()) {
            long v = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(v);
                case "s" -> Duration.ofSeconds(v);
                case "m" -> Duration.ofMinutes(v);
                default -> Duration.ofHours(v);
            };
        }
        try {
            Duration d = Duration.parse(s.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a duration such as 30s, 5m, 1h or PT5M"));
        return otherwise;
    }

    // ------------------------------------------------------------------ replica reports

    /** The longest message a replica report may carry. */
    static final int MAX_REPORT_MESSAGE = 1000;

    /**
     * Checks a job replica's report field by field.
     *
     * @return whether it reports success (else failure)
     */
    static boolean report(ReplicaReport r) {
        if (r == null) {
            throw ProblemException.invalid("body", "is required");
        }
        List<FieldError> errors = new ArrayList<>();
        Boolean succeeded = null;
        String phase = r.phase() == null ? "" : r.phase().trim().toLowerCase(Locale.ROOT);
        switch (phase) {
            case "succeeded" -> succeeded = true;
            case "failed" -> succeeded = false;
            default -> errors.add(new FieldError("phase", "is required: Succeeded or Failed"));
        }
        if (r.exitCode() != null && succeeded != null) {
            if (succeeded && r.exitCode() != 0) {
                errors.add(new FieldError("exitCode", "must be 0 (or left out) when the phase is Succeeded"));
            } else if (!succeeded && r.exitCode() == 0) {
                errors.add(new FieldError("exitCode", "must not be 0 when the phase is Failed"));
            }
        }
        if (r.message() != null && r.message().length() > MAX_REPORT_MESSAGE) {
            errors.add(new FieldError("message", "must be at most " + MAX_REPORT_MESSAGE + " characters"));
        }
        if (r.node() != null && r.node().isBlank()) {
            errors.add(new FieldError("node", "must not be blank"));
        }
        if (r.attempt() != null && r.attempt() < 0) {
            errors.add(new FieldError("attempt", "must be 0 or more"));
        }
        fail(errors);
        return succeeded;
    }

    static void fail(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
