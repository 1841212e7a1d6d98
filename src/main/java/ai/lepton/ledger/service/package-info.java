/** The ledger module's services: which ledger runs, who submits, anchoring of events, receipts and verification. */
package ai.lepton.ledger.service;
