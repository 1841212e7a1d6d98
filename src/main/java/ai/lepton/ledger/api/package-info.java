/**
 * Public contract of the ledger module: {@link ai.lepton.ledger.api.Ledger}, implemented by the embedded ledger
 * ({@code ai.lepton.ledger.embedded.EmbeddedLedger}) and later by a Fabric Gateway client, and its value records.
 *
 * <p>Plain Java only (no framework types), so the same contract serves the Quarkus services, the agent and the
 * benchmarks. A transaction is named as a peer names it: {@code "ContractName:function"} (the contract's
 * {@code @Contract(name = ...)}, or its class's simple name), or a bare {@code "function"} for the default contract.
 * Arguments are strings (UTF-8), as the Fabric Gateway client sends them.
 *
 * <ul>
 *   <li>{@link ai.lepton.ledger.api.Ledger#submit} endorses, orders and commits one transaction and returns its
 *       {@link ai.lepton.ledger.api.Receipt} once its block is durable;
 *       {@link ai.lepton.ledger.api.Ledger#submitAll} does the same for many (they may share blocks).</li>
 *   <li>{@link ai.lepton.ledger.api.Ledger#evaluate} runs a read-only query; nothing is ordered.</li>
 *   <li>{@link ai.lepton.ledger.api.Ledger#events} replays chaincode events from a block number, then follows new
 *       blocks, for consumers that checkpoint the last block (and transaction id) they handled.</li>
 *   <li>{@link ai.lepton.ledger.api.Ledger#verify} re-checks the whole hash chain.</li>
 * </ul>
 */
package ai.lepton.ledger.api;
