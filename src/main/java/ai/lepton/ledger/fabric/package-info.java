/** The ledger on a Hyperledger Fabric network, through the Fabric Gateway client: {@link ai.lepton.ledger.fabric.FabricLedger}. */
package ai.lepton.ledger.fabric;
