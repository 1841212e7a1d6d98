package ai.lepton.ledger.service;

import ai.lepton.compute.api.WorkloadPlaced;
import ai.lepton.data.api.DatasetVersionCreated;
import ai.lepton.ledger.config.LedgerConfig;
import ai.lepton.ledger.store.AnchorEntity;
import ai.lepton.ledger.store.AnchorRepository;
import ai.lepton.ml.api.ModelVersionRegistered;
import ai.lepton.platform.api.EventConsumer;
import ai.lepton.platform.api.EventEnvelope;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Takes in the events whose objects are anchored: a dataset version (its content digest), a model version (its
 * artifact's digest) and a placement (the digest of its event record in canonical JSON; the platform's event log
 * keeps the record). Each becomes a
 * pending {@code ledger_anchor} row in the same transaction that marks the event handled, so an acknowledged event
 * is never lost and never anchored twice; {@link AnchorBatcher} seals pending rows into Merkle batches later.
 */
@ApplicationScoped
public class AnchoringConsumer implements EventConsumer {

    static final String DATASET = DatasetVersionCreated.class.getSimpleName();
    static final String MODEL = ModelVersionRegistered.class.getSimpleName();
    static final String PLACEMENT = WorkloadPlaced.class.getSimpleName();
    private static final Set<String> TYPES = Set.of(DATASET, MODEL, PLACEMENT);

    private final AnchorRepository anchors;
    private final Projects projects;
    private final LedgerConfig config;

    public AnchoringConsumer(AnchorRepository anchors, Projects projects, LedgerConfig config) {
        this.anchors = anchors;
        this.projects = projects;
        this.config = config;
    }

    @Override
    public String name() {
        return "ledger-anchoring";
    }

    @Override
    public boolean accepts(String eventType) {
        return config.anchoring().enabled() && TYPES.contains(eventType);
    }

    @Override
    public void handle(EventEnvelope event) {
        if (event.project() == null) {
            Log.warnf("ledger: %s %s names no project; not anchored", event.type(), event.id());
            return;
        }
        Optional<ProjectRef> ref = projects.byName(event.project());
        if (ref.isEmpty()) {
            Log.warnf("ledger: %s %s names unknown project %s; not anchored", event.type(), event.id(),
                    event.project());
            return;
        }
        JsonNode p = event.payload();
        AnchorEntity a = new AnchorEntity();
        a.eventId = event.id().toString();
        a.projectId = ref.get().id();
        a.createdAt = Instant.now();
        String project = event.project();
        if (event.type().equals(DATASET)) {
            a.kind = Subjects.DATASET;
            a.subject = Subjects.toLedger(project, "dataset:" + text(p, "dataset") + "/" + p.path("version").asInt());
            a.sha256 = text(p, "sha256");
        } else if (event.type().equals(MODEL)) {
            a.kind = Subjects.MODEL;
            a.subject = Subjects.toLedger(project, "model:" + text(p, "model") + "/" + p.path("version").asInt());
            a.sha256 = text(p, "artifactSha256");
        } else {
            // a replica is placed again after an eviction: number its placements
            a.kind = Subjects.PLACEMENT;
            String replica = Subjects.toLedger(project, "placement:" + text(p, "workload") + "/"
                    + p.path("replica").asInt() + "/");
            a.subject = replica + (anchors.countSubjectsStartingWith(a.projectId, replica) + 1);
            a.sha256 = Subjects.sha256(CanonicalJson.write(p)); // re-derived from the event log to verify
        }
        anchors.persist(a);
        Log.debugf("ledger: %s queued for anchoring (%s, event %s)", a.subject, a.sha256, a.eventId);
    }

    private static String text(JsonNode p, String field) {
        JsonNode n = p.get(field);
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw new IllegalArgumentException("event payload lacks text field '" + field + "'");
        }
        return n.asText();
    }
}
