/** Persistence of the ledger module: anchored items and their Merkle batches. */
package ai.lepton.ledger.store;
