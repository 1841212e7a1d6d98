package ai.lepton.ledger.api;

import java.time.Instant;
import java.util.List;

/**
 * Where an anchored digest stands: waiting for a batch, in a sealed batch whose root is not on the ledger yet, or
 * anchored. An anchored receipt proves itself: fold {@link #proof()} onto {@link #leafHash()} (a step on the
 * {@code LEFT} means {@code SHA-256(0x01 || step || running)}, on the {@code RIGHT} {@code SHA-256(0x01 || running ||
 * step)}) and compare with {@link #merkleRoot()}, then read the root's anchor on the ledger
 * ({@code Provenance:getBatch(merkleRoot)}).
 *
 * @param subject the subject within its project, e.g. {@code dataset:sales/1}
 * @param ledgerSubject the full subject on the ledger, project included: {@code dataset:acme/sales/1}
 * @param sha256 the anchored digest
 * @param eventId the event that asked for the anchor
 * @param status {@code PENDING}, {@code SEALED} or {@code ANCHORED}
 * @param recordedAt when the event was taken in
 * @param leafHash {@code SHA-256(0x00 || utf8(ledgerSubject + "\n" + sha256))} in hex
 * @param batch the batch's id, or null while pending
 * @param leafIndex position in the batch, or null while pending
 * @param leafCount leaves in the batch, or null while pending
 * @param merkleRoot the batch's root, or null while pending
 * @param proof the inclusion proof (empty for a batch of one; null while pending)
 * @param txId the transaction that anchored the root, or null until anchored
 * @param blockNumber its block, or null until anchored (or when unknown after a replayed submission)
 * @param anchoredAt when the root was anchored, or null
 */
public record AnchorReceipt(String subject, String ledgerSubject, String sha256, String eventId, String status,
        Instant recordedAt, String leafHash, Long batch, Integer leafIndex, Integer leafCount, String merkleRoot,
        List<ProofStep> proof, String txId, Long blockNumber, Instant anchoredAt) {
}
