/** REST resources of the ledger module: receipts, verification, compute leases and data-sharing grants. */
package ai.lepton.ledger.web;
