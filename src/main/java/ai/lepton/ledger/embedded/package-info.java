/**
 * The embedded ledger: a single-organisation, Fabric-style ledger in the process, pure Java (no Quarkus, Jakarta or
 * Hibernate types), running the same chaincode a Fabric peer would.
 *
 * <h2>Public API</h2>
 * <ul>
 *   <li>{@link ai.lepton.ledger.embedded.LocalCa}: the installation's CA. {@code LocalCa.open(dir[, mspId])},
 *       {@code project(name)}, {@code operator()}, {@code rootCertificatePem()}, {@code privateKeyFile(name)}.</li>
 *   <li>{@link ai.lepton.ledger.embedded.LedgerOptions}: {@code LedgerOptions.of(ca)} and its
 *       {@code with...} methods (channel, block size, batch timeout, fsync, clock, contract packages).</li>
 *   <li>{@link ai.lepton.ledger.embedded.EmbeddedLedger}: {@code EmbeddedLedger.open(dir, options)}, then the
 *       {@link ai.lepton.ledger.api.Ledger} methods, plus {@code headHash()}, {@code damage()},
 *       {@code options()}.</li>
 * </ul>
 *
 * <pre>
 * LocalCa ca = LocalCa.open(dataDir.resolve("ca"));
 * try (EmbeddedLedger ledger = EmbeddedLedger.open(dataDir.resolve("ledger"), LedgerOptions.of(ca))) {
 *     Receipt r = ledger.submit(ca.project("demo"), "ProvenanceContract:anchor", subject, digest);
 * }
 * </pre>
 *
 * <h2>Chaincode</h2>
 * Contracts are ordinary fabric-chaincode-shim 2.5 contracts ({@code @Contract}, {@code @Transaction},
 * {@code Context}). Every {@code @Contract} class in the configured packages is registered with the shim's
 * {@code ContractRouter}, which routes and executes each invocation exactly as in a peer's chaincode container; the
 * {@code ChaincodeStub} it is given is the ledger's ({@code EmbeddedStub}: its Javadoc lists where it follows a peer
 * and what it does not support), with a real serialized identity ({@code msp.SerializedIdentity}: MSP id and PEM
 * certificate) as creator, so {@code ClientIdentity} sees the MSP id, subject and Fabric CA attributes.
 *
 * <h2>Transactions</h2>
 * Endorse (simulate under the state read lock) → order (queue; blocks cut by size, on demand, or by timeout) →
 * validate (MVCC read versions and range re-execution against the state plus the block's earlier valid writes; a
 * stale transaction stays in its block as {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}, its writes
 * dropped, its event not delivered) → append and fsync the block → apply the valid writes. A contract error
 * rejects the transaction at endorsement: it is never ordered. A version is the height (block, index in block) of
 * the transaction that last wrote the key. The creator must belong to the configured MSP and be signed by its CA.
 *
 * <h2>Storage</h2>
 * One directory: {@code blocks.dat}, the append-only block file, and {@code ledger.lock}. The world state and the
 * history index are in memory and rebuilt on open by replaying every block (no snapshot: replay is linear and was
 * measured with the benchmark in {@code bench/}); the history index keeps only versions, and values are read back
 * from the block file.
 *
 * <pre>
 * blocks.dat  := record*
 * record      := u32 magic 0x4C424B31 ("LBK1"), u32 length, header, identities, txCount x (u32 len, tx), raw32 hash
 * header      := u8 1, u64 number, raw32 previousHash, raw32 dataHash, raw32 identitiesHash, u32 txCount
 * identities  := u32 n, n x (str mspId, str certificatePem)
 * tx          := u8 1, raw32 txId, i64 seconds, i32 nanos, u32 creatorIndex, u32 argc, argc x bytes,
 *                u8 validationCode, u32 n, n x (str key, i64 version),
 *                u32 n, n x (str start, str end, u8 exhausted, u32 m, m x (str key, i64 version)),
 *                u32 n, n x (str key, u8 isDelete, bytes value),
 *                u8 hasEvent [str name, bytes payload], i32 status, str message, bytes payload
 * str, bytes  := u32 length, then the bytes (UTF-8 for str); all integers big-endian
 * hash        =  SHA-256(header);  previousHash of block 0 = 32 zero bytes
 * dataHash    =  RFC 6962 Merkle tree hash over the tx encodings (leaf SHA-256(0x00||tx), node SHA-256(0x01||l||r))
 * identitiesHash = SHA-256(identities)
 * version     =  block &lt;&lt; 24 | index in block; -1 for a key that did not exist
 * </pre>
 *
 * Block 0 is written when the directory is new: one transaction {@code lepton:genesis(channelId, mspId)} whose
 * creator is the CA root itself; every later open checks that channel, MSP and CA still match.
 *
 * <h2>Durability and damage</h2>
 * A block is appended at the end of the file and forced to disk with {@code FileChannel.force(false)}
 * ({@code fdatasync}) before any of its transactions is reported committed; with fsync off (tests, throwaway data)
 * a crash can lose the blocks the OS had not yet written, or leave the last of them damaged. The file is never
 * rewritten in place.
 * On open, a last record that is incomplete (shorter than its length says, a partial header, or a zero-filled
 * tail: what a crash during an append leaves) is copied to {@code blocks.dat.torn-OFFSET}, cut off, and logged as
 * a warning. Anything else that does not check out (bytes that are not a record, a record that does not parse, a
 * wrong number, a broken link, a hash that does not match) is damage: the ledger opens, serves the state up to the
 * last good block, refuses new transactions, and {@code verify()} names the first bad block. {@code verify()}
 * re-reads the file and re-hashes every header, identity table and Merkle root and checks numbering and links; a
 * chain rewritten consistently from some block to its end can only be detected against a head hash recorded
 * elsewhere ({@link ai.lepton.ledger.api.ChainVerification#headHash()}).
 */
package ai.lepton.ledger.embedded;
