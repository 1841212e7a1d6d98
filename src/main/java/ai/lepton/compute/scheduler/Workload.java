package ai.lepton.compute.scheduler;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to run: a job or deployment of {@code replicas} identical replicas, each needing {@code resources}, and the
 * rules for where they may and should go.
 *
 * @param name unique workload name (across projects: a service layer may qualify it, e.g. {@code project/name})
 * @param project the owning project, whose {@link Quota} applies
 * @param type job or deployment
 * @param replicas desired replica count, at least 0
 * @param resources per-replica request; a {@code gpuModel} restricts replicas to nodes with that GPU model
 * @param priority higher is more important (see {@link Priorities})
 * @param preemptible whether higher-priority replicas may evict this workload's replicas
 * @param nodeSelector labels a node must have, all of them (matched against {@link Node#effectiveLabels()})
 * @param requiredAffinity node selector terms of which a node must match at least one (OR of ANDs); empty: no rule
 * @param preferredAffinity weighted terms that raise a node's score
 * @param antiAffinity if not null, no two replicas of this workload share a domain of this key
 * @param topologySpread spread constraints, all enforced
 * @param tolerations taints this workload tolerates
 * @param gang whether all replicas must be placed together or none at all
 * @param dataSourceSite the site where the workload's data lives, for {@link ScoringStrategy#LATENCY}; may be null
 * @param strategy overrides the scheduler's default scoring strategy; null: the default
 * @param maxRetries jobs: how many failed replica runs, over the whole job, are run again before a failure fails the
 *        job (as Kubernetes' {@code backoffLimit}); 0: the first failure fails it. Ignored for deployments
 */
public record Workload(String name, String project, WorkloadType type, int replicas, Resources resources,
        int priority, boolean preemptible, Map<String, String> nodeSelector, List<NodeSelectorTerm> requiredAffinity,
        List<PreferredTerm> preferredAffinity, TopologyKey antiAffinity, List<TopologySpread> topologySpread,
        List<Toleration> tolerations, boolean gang, String dataSourceSite, ScoringStrategy strategy,
        int maxRetries) {

    public Workload {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("workload name must not be blank");
        }
        project = project == null ? "" : project;
        type = type == null ? WorkloadType.DEPLOYMENT : type;
        if (replicas < 0) {
            throw new IllegalArgumentException("workload " + name + ": replicas must not be negative");
        }
        Objects.requireNonNull(resources, "resources");
        nodeSelector = nodeSelector == null ? Map.of() : Map.copyOf(nodeSelector);
        requiredAffinity = requiredAffinity == null ? List.of() : List.copyOf(requiredAffinity);
        preferredAffinity = preferredAffinity == null ? List.of() : List.copyOf(preferredAffinity);
        topologySpread = topologySpread == null ? List.of() : List.copyOf(topologySpread);
        Set<TopologyKey> seen = EnumSet.noneOf(TopologyKey.class);
        for (TopologySpread s : topologySpread) {
            if (!seen.add(s.key())) {
                throw new IllegalArgumentException("workload " + name + ": two spread constraints on " + s.key());
            }
        }
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        dataSourceSite = dataSourceSite == null || dataSourceSite.isBlank() ? null : dataSourceSite;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("workload " + name + ": maxRetries must not be negative");
        }
    }

    /** A builder: deployment, 1 replica, no resources, default priority, preemptible, no rules, no retries. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder preset with this workload's fields. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.project = project;
        b.type = type;
        b.replicas = replicas;
        b.resources = resources;
        b.priority = priority;
        b.preemptible = preemptible;
        b.nodeSelector.putAll(nodeSelector);
        b.required.addAll(requiredAffinity);
        b.preferred.addAll(preferredAffinity);
        b.antiAffinity = antiAffinity;
        b.spread.addAll(topologySpread);
        b.tolerations.addAll(tolerations);
        b.gang = gang;
        b.dataSourceSite = dataSourceSite;
        b.strategy = strategy;
        b.maxRetries = maxRetries;
        return b;
    }

    /** This workload with another replica count. */
    public Workload withReplicas(int n) {
        return new Workload(name, project, type, n, resources, priority, preemptible, nodeSelector, requiredAffinity,
                preferredAffinity, antiAffinity, topologySpread, tolerations, gang, dataSourceSite, strategy,
                maxRetries);
    }

    /** What all replicas request together. */
    public Resources totalRequest() {
        return resources.times(replicas);
    }

    /** Fluent construction of a {@link Workload}. */
    public static final class Builder {
        private final String name;
        private String project = "";
        private WorkloadType type = WorkloadType.DEPLOYMENT;
        private int replicas = 1;
        private Resources resources = Resources.ZERO;
        private int priority = Priorities.DEFAULT;
        private boolean preemptible = true;
        private final Map<String, String> nodeSelector = new LinkedHashMap<>();
        private final List<NodeSelectorTerm> required = new ArrayList<>();
        private final List<PreferredTerm> preferred = new ArrayList<>();
        private TopologyKey antiAffinity;
        private final List<TopologySpread> spread = new ArrayList<>();
        private final List<Toleration> tolerations = new ArrayList<>();
        private boolean gang;
        private String dataSourceSite;
        private ScoringStrategy strategy;
        private int maxRetries;

        private Builder(String name) {
            this.name = name;
        }

        public Builder project(String v) {
            project = v;
            return this;
        }

        public Builder type(WorkloadType v) {
            type = v;
            return this;
        }

        public Builder replicas(int v) {
            replicas = v;
            return this;
        }

        public Builder resources(Resources v) {
            resources = v;
            return this;
        }

        public Builder resources(long cpuMillis, long memoryMiB) {
            return resources(Resources.of(cpuMillis, memoryMiB));
        }

        public Builder priority(int v) {
            priority = v;
            return this;
        }

        /** A class name such as {@code high} or a number; see {@link Priorities#of(String)}. */
        public Builder priorityClass(String v) {
            priority = Priorities.of(v);
            return this;
        }

        public Builder preemptible(boolean v) {
            preemptible = v;
            return this;
        }

        public Builder nodeSelector(String key, String value) {
            nodeSelector.put(key, value);
            return this;
        }

        public Builder requiredTerm(NodeSelectorTerm v) {
            required.add(v);
            return this;
        }

        public Builder required(MatchExpression... expressions) {
            return requiredTerm(NodeSelectorTerm.of(expressions));
        }

        public Builder preferred(int weight, MatchExpression... expressions) {
            preferred.add(PreferredTerm.of(weight, expressions));
            return this;
        }

        public Builder antiAffinity(TopologyKey v) {
            antiAffinity = v;
            return this;
        }

        public Builder spread(TopologyKey key, int maxSkew) {
            spread.add(new TopologySpread(key, maxSkew));
            return this;
        }

        public Builder toleration(Toleration v) {
            tolerations.add(v);
            return this;
        }

        public Builder gang(boolean v) {
            gang = v;
            return this;
        }

        public Builder dataSourceSite(String v) {
            dataSourceSite = v;
            return this;
        }

        public Builder strategy(ScoringStrategy v) {
            strategy = v;
            return this;
        }

        /** Jobs: failed replica runs, over the whole job, that are run again; see {@link Workload#maxRetries()}. */
        public Builder maxRetries(int v) {
            maxRetries = v;
            return this;
        }

        public Workload build() {
            return new Workload(name, project, type, replicas, resources, priority, preemptible, nodeSelector,
                    required, preferred, antiAffinity, spread, tolerations, gang, dataSourceSite, strategy,
                    maxRetries);
        }
    }
}
