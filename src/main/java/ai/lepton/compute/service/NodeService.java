package ai.lepton.compute.service;

import ai.lepton.compute.api.DrainReport;
import ai.lepton.compute.api.NodeSpec;
import ai.lepton.compute.api.NodeView;
import ai.lepton.compute.api.SiteLatency;
import ai.lepton.compute.scheduler.Node;
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
import java.util.TreeMap;

/**
 * Nodes and the site latency matrix: installation-wide. Any valid key may read them; changing them needs an
 * installation key (not tied to a project) with the admin or operator role.
 */
@ApplicationScoped
public class NodeService {

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
