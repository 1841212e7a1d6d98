package ai.lepton.ledger.service;

import ai.lepton.data.api.DatasetCatalog;
import ai.lepton.ledger.anchor.MerkleTree;
import ai.lepton.ledger.api.AnchorReceipt;
import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.ProofStep;
import ai.lepton.ledger.api.SubjectVerification;
import ai.lepton.ledger.api.SubjectVerification.Check;
import ai.lepton.ledger.store.AnchorEntity;
import ai.lepton.ledger.store.AnchorRepository;
import ai.lepton.ledger.store.BatchEntity;
import ai.lepton.ledger.store.BatchRepository;
import ai.lepton.ml.api.ModelArtifacts;
import ai.lepton.ml.api.ModelVersionView;
import ai.lepton.platform.api.Action;
import ai.lepton.platform.api.CurrentPrincipal;
import ai.lepton.platform.api.EventLog;
import ai.lepton.platform.api.Page;
import ai.lepton.platform.api.PageRequest;
import ai.lepton.platform.api.ProblemException;
import ai.lepton.platform.api.ProjectRef;
import ai.lepton.platform.api.Projects;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Receipts of anchored objects, their verification against the stored object and the ledger, and chain checks. */
@ApplicationScoped
public class ReceiptService {

    private final AnchorRepository anchors;
    private final BatchRepository batches;
    private final Projects projects;
    private final CurrentPrincipal principal;
    private final LedgerHost host;
    private final DatasetCatalog datasets;
    private final ModelArtifacts models;
    private final EventLog events;
    private final ObjectMapper mapper;

    public ReceiptService(AnchorRepository anchors, BatchRepository batches, Projects projects,
            CurrentPrincipal principal, LedgerHost host, DatasetCatalog datasets, ModelArtifacts models,
            EventLog events, ObjectMapper mapper) {
        this.anchors = anchors;
        this.batches = batches;
        this.projects = projects;
        this.principal = principal;
        this.host = host;
        this.datasets = datasets;
        this.models = models;
        this.events = events;
        this.mapper = mapper;
    }

    /** Receipts of a subject (or of every version with {@code /*}), or of the whole project; newest first. */
    public Page<AnchorReceipt> receipts(String project, String subject, PageRequest page) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        return QuarkusTransaction.joiningExisting().call(() -> {
            List<AnchorEntity> rows;
            long total;
            if (subject == null) {
                rows = anchors.byProject(ref.id(), page.offset(), page.limit());
                total = anchors.countByProject(ref.id());
            } else {
                Subjects.validate("subject", subject);
                boolean many = Subjects.isPattern(subject);
                String s = Subjects.toLedger(ref.name(), many && subject.endsWith("*")
                        ? subject.substring(0, subject.length() - 1) : many ? subject + "/" : subject);
                rows = anchors.bySubject(ref.id(), s, many, page.offset(), page.limit());
                total = anchors.countBySubject(ref.id(), s, many);
            }
            Map<Long, BatchEntity> byId = new HashMap<>();
            List<AnchorReceipt> items = new ArrayList<>(rows.size());
            for (AnchorEntity a : rows) {
                BatchEntity b = a.batchId == null ? null
                        : byId.computeIfAbsent(a.batchId, id -> batches.findById(id).orElse(null));
                items.add(receipt(a, b));
            }
            return new Page<>(items, page.offset(), page.limit(), total);
        });
    }

    /**
     * Re-hashes the object as it is stored now and checks it against its newest anchor: the stored digest, the
     * anchored digest, the inclusion proof up to the batch root, and the root's anchor on the ledger.
     */
    public SubjectVerification verifySubject(String project, String subject) {
        ProjectRef ref = projects.authorize(project, Action.READ);
        Subjects.validate("subject", subject);
        if (Subjects.isPattern(subject)) {
            throw ProblemException.invalid("subject", "names one version, not '" + subject + "'");
        }
        String ledgerSubject = Subjects.toLedger(ref.name(), subject);
        record Found(AnchorEntity anchor, BatchEntity batch) {
        }
        Found found = QuarkusTransaction.joiningExisting().call(() -> {
            List<AnchorEntity> rows = anchors.bySubject(ref.id(), ledgerSubject, false, 0, 1);
            if (rows.isEmpty()) {
                return null;
            }
            AnchorEntity a = rows.get(0);
            return new Found(a, a.batchId == null ? null : batches.findById(a.batchId).orElse(null));
        });
        if (found == null) {
            throw ProblemException.notFound("nothing is anchored for " + subject + " in project " + ref.name());
        }
        AnchorEntity a = found.anchor();
        AnchorReceipt receipt = receipt(a, found.batch());
        List<Check> checks = new ArrayList<>();
        String current = currentDigest(ref, a, checks);
        boolean digestOk = a.sha256.equals(current);
        checks.add(new Check("anchored-digest", digestOk, digestOk ? "the stored object hashes to the anchored digest "
                + a.sha256 : "the stored object hashes to " + current + " but " + a.sha256 + " was anchored"));
        if (found.batch() == null) {
            checks.add(new Check("inclusion-proof", false, "not sealed into a batch yet (anchoring runs every few "
                    + "seconds)"));
        } else {
            boolean proofOk = MerkleTree.verify(MerkleTree.leafHash(ledgerSubject, current), receipt.proof(),
                    found.batch().merkleRoot);
            checks.add(new Check("inclusion-proof", proofOk, proofOk ? "the proof leads from the object's leaf to root "
                    + found.batch().merkleRoot : "the proof does not lead from the object's leaf to root "
                    + found.batch().merkleRoot));
            checks.add(rootOnLedger(found.batch()));
        }
        boolean verified = checks.stream().allMatch(Check::ok);
        Log.infof("ledger: verify-subject %s in %s: %s", subject, ref.name(), verified ? "verified" : "NOT verified");
        return new SubjectVerification(subject, verified, current, a.sha256, receipt, checks);
    }

    /** Re-hashes the whole chain (installation admins only). */
    public ChainVerification verifyChain() {
        if (!principal.get().installationAdmin()) {
            throw ProblemException.forbidden("verifying the whole ledger needs an installation admin key");
        }
        long t0 = System.nanoTime();
        ChainVerification v = ContractCalls.ledgerCall(() -> host.ledger().verify());
        Log.infof("ledger: chain verification in %d ms: %s", (System.nanoTime() - t0) / 1_000_000, v);
        return v;
    }

    private Check rootOnLedger(BatchEntity b) {
        if (!BatchEntity.ANCHORED.equals(b.state)) {
            return new Check("root-on-ledger", false, "batch " + b.id + " is sealed but its root is not anchored yet"
                    + (b.lastError == null ? "" : " (last attempt: " + b.lastError + ")"));
        }
        Evaluation e = ContractCalls.ledgerCall(() -> host.ledger().evaluate(host.operator(), "Provenance:getBatch",
                b.merkleRoot));
        if (!e.ok()) {
            return new Check("root-on-ledger", false, "the ledger does not hold root " + b.merkleRoot + ": "
                    + e.message());
        }
        try {
            JsonNode anchor = mapper.readTree(e.payloadUtf8());
            boolean ok = anchor.path("count").asLong() == b.leafCount && anchor.path("txId").asText().equals(b.txId);
            return new Check("root-on-ledger", ok, ok ? "root " + b.merkleRoot + " anchored with " + b.leafCount
                    + " leaves in tx " + b.txId : "the ledger's anchor of root " + b.merkleRoot + " says count "
                    + anchor.path("count").asLong() + ", tx " + anchor.path("txId").asText() + "; expected "
                    + b.leafCount + ", tx " + b.txId);
        } catch (JsonProcessingException ex) {
            return new Check("root-on-ledger", false, "the ledger's answer is not JSON: " + ex.getMessage());
        }
    }

    /** The digest of the object as stored now; adds the {@code stored-digest} check. */
    private String currentDigest(ProjectRef ref, AnchorEntity a, List<Check> checks) {
        String[] parts = Subjects.fromLedger(a.subject).split("[:/]");
        try {
            switch (a.kind) {
                case Subjects.DATASET -> {
                    int version = Integer.parseInt(parts[2]);
                    String recorded = datasets.version(ref, parts[1], version).sha256();
                    String actual;
                    try (InputStream in = datasets.openContent(ref.name(), parts[1], version)) {
                        actual = sha256(in);
                    }
                    checks.add(new Check("stored-digest", recorded.equals(actual), recorded.equals(actual)
                            ? "dataset content re-hashed to its recorded digest"
                            : "dataset content re-hashes to " + actual + ", the catalogue records " + recorded));
                    return actual;
                }
                case Subjects.MODEL -> {
                    ModelVersionView v = models.version(ref, parts[1], Integer.parseInt(parts[2]));
                    String actual;
                    try (InputStream in = models.artifact(v)) {
                        actual = sha256(in);
                    }
                    boolean ok = v.artifactSha256().equals(actual);
                    checks.add(new Check("stored-digest", ok, ok ? "model artifact re-hashed to its recorded digest"
                            : "model artifact re-hashes to " + actual + ", the registry records "
                                    + v.artifactSha256()));
                    return actual;
                }
                default -> {
                    // a placement is an event, not a stored object: its record is the platform's event log entry
                    Optional<JsonNode> record = events.payload(ref, a.eventId);
                    checks.add(new Check("stored-digest", record.isPresent(), record.isPresent()
                            ? "placement event " + a.eventId + " re-hashed from the event log"
                            : "placement event " + a.eventId + " is not in the event log"));
                    return record.map(r -> Subjects.sha256(CanonicalJson.write(r))).orElse("");
                }
            }
        } catch (IOException e) {
            checks.add(new Check("stored-digest", false, "the stored object could not be read: " + e.getMessage()));
            return "";
        } catch (ProblemException e) {
            if (e.status() == 404) {
                checks.add(new Check("stored-digest", false, "the object is gone: " + e.getMessage()));
                return "";
            }
            throw e;
        }
    }

    AnchorReceipt receipt(AnchorEntity a, BatchEntity b) {
        List<ProofStep> proof = null;
        if (a.proofJson != null) {
            try {
                proof = mapper.readValue(a.proofJson, AnchorBatcher.PROOF);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored proof of anchor " + a.id + " is not JSON", e);
            }
        }
        String status = b == null ? "PENDING" : b.state;
        return new AnchorReceipt(Subjects.fromLedger(a.subject), a.subject, a.sha256, a.eventId, status, a.createdAt,
                HexFormat.of().formatHex(MerkleTree.leafHash(a.subject, a.sha256)), a.batchId, a.leafIndex,
                b == null ? null : b.leafCount, b == null ? null : b.merkleRoot, proof, b == null ? null : b.txId,
                b == null ? null : b.blockNumber, b == null ? null : b.anchoredAt);
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (DigestInputStream d = new DigestInputStream(in, md)) {
                d.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
