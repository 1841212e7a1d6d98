/** Typed settings of the ledger module ({@code lepton.ledger}). */
package ai.lepton.ledger.config;
