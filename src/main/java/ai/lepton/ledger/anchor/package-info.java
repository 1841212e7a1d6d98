/** Merkle batching of anchored digests: RFC 6962 tree hashes and inclusion proofs, in plain Java. */
package ai.lepton.ledger.anchor;
