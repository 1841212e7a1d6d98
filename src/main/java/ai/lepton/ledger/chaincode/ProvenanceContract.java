package ai.lepton.ledger.chaincode;

import java.util.regex.Matcher;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.jboss.logging.Logger;

/**
 * Tamper-evident provenance: the SHA-256 digests of dataset versions, model versions and other artifacts, and the
 * Merkle roots of batches of digests. An anchor is written once; anchoring the same digest again is a no-op, a
 * different digest is refused. Only the operator anchors (the platform anchors what its modules report); anyone on
 * the channel may read.
 */
@Contract(name = "Provenance", info = @Info(title = "Lepton provenance", version = "1"))
@Default
public final class ProvenanceContract implements ContractInterface {

    private static final Logger LOG = Logger.getLogger(ProvenanceContract.class);

    /** Largest batch accepted. */
    static final long MAX_BATCH = 1_000_000_000_000L;

    /**
     * Anchors {@code sha256} for a subject version. Idempotent: when the subject version already holds this digest
     * and this metadata, the existing anchor is returned and nothing is written.
     *
     * @param subject {@code <kind>:<name>[/<name>]{0,3}/<version>}, e.g. {@code dataset:acme/sales/3}
     * @param sha256 the content digest, 64 lower-case hex digits
     * @param metadataJson a JSON object (at most 16 KiB), stored canonically; empty means {@code {}}
     * @return the {@link Anchor} JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchor(Context ctx, String subject, String sha256, String metadataJson) {
        Args.match("subject", subject, Args.SUBJECT);
        Args.match("sha256", sha256, Args.SHA256);
        String metadata = Args.metadata(metadataJson);
        Caller caller = Caller.of(ctx);
        caller.requireOperator("anchor");
        var stub = ctx.getStub();
        String key = Keys.anchor(stub, subject);
        String existing = State.get(stub, key);
        if (existing != null) {
            Anchor anchored = Anchor.fromJson(existing);
            if (!anchored.sha256().equals(sha256)) {
                throw ErrorCode.DIGEST_CONFLICT.refuse("%s is anchored with digest %s in tx %s", subject,
                        anchored.sha256(), anchored.txId());
            }
            if (!anchored.metadataJson().equals(metadata)) {
                throw ErrorCode.METADATA_CONFLICT.refuse("%s is anchored with this digest but other metadata in tx %s",
                        subject, anchored.txId());
            }
            return existing;
        }
        Matcher m = Args.SUBJECT.matcher(subject);
        m.matches();
        String artifact = m.group(1) + ":" + m.group(2);
        String json = new Anchor(subject, sha256, metadata, caller.party(), stub.getTxTimestamp(), stub.getTxId())
                .toJson();
        State.put(stub, key, json);
        // a blind write (never read in a transaction), so anchors of different versions never conflict on it
        State.put(stub, Keys.anchorHead(stub, artifact), json);
        State.event(stub, "ProvenanceAnchored", json);
        LOG.debugf("anchored %s in tx %s", subject, stub.getTxId());
        return json;
    }

    /**
     * Anchors the Merkle root of a batch of {@code count} digests. Idempotent like {@link #anchor}.
     *
     * @param merkleRoot 64 lower-case hex digits
     * @param count the number of leaves, 1 to 10^12
     * @param metadataJson a JSON object (at most 16 KiB); empty means {@code {}}
     * @return the {@link BatchAnchor} JSON
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String anchorBatch(Context ctx, String merkleRoot, String count, String metadataJson) {
        Args.match("merkleRoot", merkleRoot, Args.SHA256);
        long leaves = Args.integer("count", count, 1, MAX_BATCH);
        String metadata = Args.metadata(metadataJson);
        Caller caller = Caller.of(ctx);
        caller.requireOperator("anchor a batch");
        var stub = ctx.getStub();
        String key = Keys.batch(stub, merkleRoot);
        String existing = State.get(stub, key);
        if (existing != null) {
            BatchAnchor anchored = BatchAnchor.fromJson(existing);
            if (anchored.count() != leaves || !anchored.metadataJson().equals(metadata)) {
                throw ErrorCode.METADATA_CONFLICT.refuse("Merkle root %s is anchored with other count or metadata in "
                        + "tx %s", merkleRoot, anchored.txId());
            }
            return existing;
        }
        String json = new BatchAnchor(merkleRoot, leaves, metadata, caller.party(), stub.getTxTimestamp(),
                stub.getTxId()).toJson();
        State.put(stub, key, json);
        State.event(stub, "BatchAnchored", json);
        LOG.debugf("anchored batch %s of %d in tx %s", merkleRoot, leaves, stub.getTxId());
        return json;
    }

    /**
     * The anchor of a subject version, or, for all versions ({@code dataset:acme/sales/*}), the anchor most recently
     * committed for any of them.
     *
     * @return the {@link Anchor} JSON; {@link ErrorCode#NOT_FOUND} when nothing is anchored
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String get(Context ctx, String subject) {
        String json = State.get(ctx.getStub(), keyFor(ctx, subject));
        if (json == null) {
            throw ErrorCode.NOT_FOUND.refuse("nothing is anchored for %s", subject);
        }
        return json;
    }

    /**
     * The anchor's history through {@code getHistoryForKey}: for a subject version its single anchor; for all
     * versions ({@code dataset:acme/sales/*}) every anchor of every version, in the order the peer returns history
     * (newest first).
     *
     * @return a JSON array of {@code {"deleted":false,"timestamp":"...","txId":"...","value":<Anchor>}}, empty when
     *     nothing is anchored
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String history(Context ctx, String subject) {
        return State.history(ctx.getStub(), keyFor(ctx, subject));
    }

    /**
     * A batch anchor.
     *
     * @return the {@link BatchAnchor} JSON; {@link ErrorCode#NOT_FOUND} when the root is not anchored
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getBatch(Context ctx, String merkleRoot) {
        Args.match("merkleRoot", merkleRoot, Args.SHA256);
        String json = State.get(ctx.getStub(), Keys.batch(ctx.getStub(), merkleRoot));
        if (json == null) {
            throw ErrorCode.NOT_FOUND.refuse("Merkle root %s is not anchored", merkleRoot);
        }
        return json;
    }

    private static String keyFor(Context ctx, String subject) {
        if (subject != null && Args.SUBJECT.matcher(subject).matches()) {
            return Keys.anchor(ctx.getStub(), subject);
        }
        Matcher all = Args.ALL_VERSIONS.matcher(subject == null ? "" : subject);
        if (all.matches()) {
            return Keys.anchorHead(ctx.getStub(), all.group(1));
        }
        throw ErrorCode.INVALID_ARGUMENT.refuse("subject %s matches neither %s nor %s", Args.quote(subject),
                Args.SUBJECT.pattern(), Args.ALL_VERSIONS.pattern());
    }
}
