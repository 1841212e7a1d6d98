package ai.lepton.compute.service;

import ai.lepton.compute.api.DrainReport;
import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.api.ResourceSpec;
import ai.lepton.compute.api.SiteLatency;
import ai.lepton.compute.scheduler.Node;
import ai.lepton.compute.scheduler.NodeState;
import ai.lepton.compute.scheduler.NodeStatus;
import ai.lepton.compute.scheduler.Resources;
import ai.lepton.compute.scheduler.ScheduleResult;
import ai.lepton.compute.store.ComputeStore;
import ai.lepton.compute.store.NodeEntity;
import ai.lepton.compute.store.SiteLatencyEntity;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.FieldError;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.Principal;
import ai.lepton.platform.api.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Nodes and the site latency matrix: installation-wide. Any valid key may read them; changing them needs an
 * installation key (not tied to a project) with the admin or operator role.
 */
@ApplicationScoped
public class NodeService {

    /** The problem type of a node change that would leave its replicas more than it can hold. */
    static final String CAPACITY_BELOW_ALLOCATED = "capacity-below-allocated";

    private final ClusterHost host;
    private final ComputeStore store;
    private final CurrentPrincipal principal;

    public NodeService(ClusterHost host, ComputeStore store, CurrentPrincipal principal) {
        this.host = host;
        this.store = store;
        this.principal = principal;
    }

    public NodeView create(NodeSpec spec) {
        Principal p = requireInstallationWriter();
        Node node = Specs.node(spec);
        NodeSpec stored = Specs.normalise(spec, node);
        NodeView v = host.write((s, tx) -> {
            if (store.node(node.name()).isPresent()) {
                throw ProblemException.conflict("a node named '" + node.name() + "' already exists");
            }
            NodeEntity e = new NodeEntity();
            e.name = node.name();
            e.kind = node.kind().wireName();
            e.state = node.state().wireName();
            e.specJson = host.json(stored);
            e.createdAt = Instant.now();
            e.updatedAt = e.createdAt;
            store.persist(e);
            ScheduleResult r = s.registerNode(node);
            tx.record(r);
            return Views.node(s.state(), s.state().node(node.name()).orElseThrow());
        });
        Log.infof("node %s registered by key '%s': %s %s/%s/%s, %d mCPU, %d MiB, %d GPU(s)", v.name(), p.keyName(),
                v.kind(), v.region(), v.zone(), v.site(), node.capacity().cpuMillis(), node.capacity().memoryMiB(),
                node.capacity().gpus());
        return v;
    }

    /**
     * Changes a node's labels, taints, cost, power model, capacity or allocatable; fields left out (null) keep
     * their value. The name, kind, region, zone and site cannot change (400): they place the node in the topology,
     * so delete and register it again. A shrink of allocatable resources below what the node's replicas are
     * allocated is refused (409 naming the resource): drain or scale down first. A new NoExecute taint evicts the
     * replicas that do not tolerate it (placed elsewhere if they fit); more room lets pending replicas in.
     */
    public NodeView update(String name, NodeSpec patch) {
        Principal p = requireInstallationWriter();
        if (patch == null) {
            throw ProblemException.invalid("body", "is required");
        }
        record Outcome(NodeView view, ScheduleResult result) {
        }
        Outcome o = host.write((s, tx) -> {
            NodeEntity e = host.nodeRow(name);
            NodeSpec cur = host.readJson(e.specJson, NodeSpec.class);
            List<FieldError> errors = new ArrayList<>();
            fixed("name", patch.name(), cur.name(), errors);
            fixed("kind", patch.kind(), cur.kind(), errors);
            fixed("region", patch.region(), cur.region(), errors);
            fixed("zone", patch.zone(), cur.zone(), errors);
            fixed("site", patch.site(), cur.site(), errors);
            Specs.fail(errors);
            // an allocatable left out follows a new capacity if it was never set (it then means the capacity)
            ResourceSpec capacity = patch.capacity() != null ? patch.capacity() : cur.capacity();
            ResourceSpec allocatable = patch.allocatable() != null ? patch.allocatable() : cur.allocatable();
            NodeSpec merged = new NodeSpec(cur.name(), cur.kind(), cur.region(), cur.zone(), cur.site(), capacity,
                    allocatable, patch.labels() != null ? patch.labels() : cur.labels(),
                    patch.taints() != null ? patch.taints() : cur.taints(),
                    patch.costPerHour() != null ? patch.costPerHour() : cur.costPerHour(),
                    patch.power() != null ? patch.power() : cur.power());
            Node node = Specs.node(merged).withState(NodeState.fromWire(e.state));
            refuseShrinkBelowAllocated(s.state().node(name).orElseThrow(), node,
                    patch.allocatable() != null || cur.allocatable() != null ? "allocatable" : "capacity");
            ScheduleResult r = s.registerNode(node);
            tx.record(r);
            e.specJson = host.json(Specs.normalise(merged, node));
            e.updatedAt = Instant.now();
            return new Outcome(Views.node(s.state(), s.state().node(name).orElseThrow()), r);
        });
        Log.infof("node %s updated by key '%s': %d mCPU, %d MiB, %d GPU(s) allocatable, %d taint(s); %d replica(s)"
                + " evicted, %d placed", name, p.keyName(), o.view().allocatable().cpuMillis(),
                o.view().allocatable().memoryMiB(), o.view().allocatable().gpus(), o.view().taints().size(),
                o.result().evictions().size(), o.result().placements().size());
        return o.view();
    }

    private static void fixed(String field, String given, String current, List<FieldError> errors) {
        if (given != null && !given.equals(current == null ? "" : current)) {
            errors.add(new FieldError(field, "cannot be changed (it is '" + current + "'); delete the node and"
                    + " register it again"));
        }
    }

    private static void refuseShrinkBelowAllocated(NodeStatus st, Node node, String field) {
        Resources used = st.allocated();
        Resources to = node.allocatable();
        List<FieldError> errors = new ArrayList<>();
        if (to.cpuMillis() < used.cpuMillis()) {
            errors.add(new FieldError(field + ".cpuMillis", to.cpuMillis() + " is below the " + used.cpuMillis()
                    + " allocated to the node's replicas"));
        }
        if (to.memoryMiB() < used.memoryMiB()) {
            errors.add(new FieldError(field + ".memoryMiB", to.memoryMiB() + " is below the " + used.memoryMiB()
                    + " allocated to the node's replicas"));
        }
        if (to.gpus() < used.gpus()) {
            errors.add(new FieldError(field + ".gpus", to.gpus() + " is below the " + used.gpus()
                    + " allocated to the node's replicas"));
        }
        if (used.gpus() > 0 && !Objects.equals(to.gpuModel(), st.node().allocatable().gpuModel())) {
            errors.add(new FieldError(field + ".gpuModel", "cannot change while replicas use the node's GPUs"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(409, CAPACITY_BELOW_ALLOCATED, "Capacity below allocated", "node '"
                    + node.name() + "' cannot shrink below what its replicas are allocated ("
                    + errors.stream().map(FieldError::field).collect(Collectors.joining(", "))
                    + "); drain it or scale its workloads down first", errors, Map.of());
        }
    }

    public Page<NodeView> list(PageRequest page) {
        principal.get();
        List<NodeView> all = host.nodes().stream().sorted(java.util.Comparator.comparing(NodeView::name)).toList();
        int from = (int) Math.min(all.size(), page.offset());
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(from, to), page.offset(), page.limit(), all.size());
    }

    public NodeView get(String name) {
        principal.get();
        return host.node(name).orElseThrow(() -> ProblemException.notFound("node '" + name + "' not found"));
    }

    public NodeView cordon(String name) {
        requireInstallationWriter();
        return host.cordon(name);
    }

    public NodeView uncordon(String name) {
        requireInstallationWriter();
        return host.uncordon(name);
    }

    public DrainReport drain(String name) {
        requireInstallationWriter();
        return host.drain(name);
    }

    public void delete(String name) {
        Principal p = requireInstallationWriter();
        host.write((s, tx) -> {
            store.delete(host.nodeRow(name));
            ScheduleResult r = s.removeNode(name);
            tx.record(r);
            Log.infof("node %s removed by key '%s': %d replica(s) evicted, %d placed elsewhere", name, p.keyName(),
                    r.evictions().size(), r.placements().size());
            return null;
        });
    }

    public SiteLatency latency() {
        principal.get();
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Map<String, Double>> m = new TreeMap<>();
            for (SiteLatencyEntity e : store.latencies()) {
                m.computeIfAbsent(e.siteA, k -> new TreeMap<>()).put(e.siteB, e.rttMillis);
                m.computeIfAbsent(e.siteB, k -> new TreeMap<>()).put(e.siteA, e.rttMillis);
            }
            return new SiteLatency(m);
        });
    }

    /**
     * Replaces the latency matrix. The scheduler's configuration holds it, so the scheduler is rebuilt from the
     * database (placements stay; pending replicas are retried by the scheduling loop).
     */
    public SiteLatency setLatency(SiteLatency body) {
        Principal p = requireInstallationWriter();
        Map<String, Map<String, Double>> sites = body == null || body.sites() == null ? Map.of() : body.sites();
        List<FieldError> errors = new ArrayList<>();
        Map<String, SiteLatencyEntity> rows = new TreeMap<>();
        sites.forEach((a, row) -> {
            if (row == null) {
                errors.add(new FieldError("sites." + a, "must be an object of site: milliseconds"));
                return;
            }
            row.forEach((b, ms) -> {
                if (a.isBlank() || b.isBlank()) {
                    errors.add(new FieldError("sites", "site names must not be blank"));
                } else if (ms == null || !(ms >= 0) || ms.isInfinite()) {
                    errors.add(new FieldError("sites." + a + "." + b, "must be a finite number >= 0"));
                } else {
                    String lo = a.compareTo(b) <= 0 ? a : b;
                    String hi = a.compareTo(b) <= 0 ? b : a;
                    SiteLatencyEntity e = new SiteLatencyEntity();
                    e.siteA = lo;
                    e.siteB = hi;
                    e.rttMillis = ms;
                    SiteLatencyEntity prev = rows.put(lo + "\n" + hi, e);
                    if (prev != null && prev.rttMillis != ms) {
                        errors.add(new FieldError("sites." + a + "." + b, "contradicts sites." + b + "." + a));
                    }
                }
            });
        });
        Specs.fail(errors);
        host.write((s, tx) -> {
            store.deleteLatencies();
            store.flush();
            rows.values().forEach(store::persist);
            tx.changed(); // the scheduler is rebuilt from the tables by the next call (revision bumped)
            return null;
        });
        host.rebuild();
        Log.infof("site latency matrix set by key '%s': %d pair(s)", p.keyName(), rows.size());
        return latency();
    }

    private Principal requireInstallationWriter() {
        Principal p = principal.get();
        if (p.projectId() != null || !p.role().permits(Action.WRITE)) {
            throw ProblemException.forbidden("nodes and sites are installation-wide: an installation admin or "
                    + "operator key is required");
        }
        return p;
    }
}
