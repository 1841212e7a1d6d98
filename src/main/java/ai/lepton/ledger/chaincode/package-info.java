/**
 * Lepton's chaincode: the Hyperledger Fabric contracts the ledger runs, in the embedded ledger
 * ({@link ai.lepton.ledger.chaincode.LeptonChaincode}, in process) or on a real peer (the chaincode-as-a-service jar,
 * {@link ai.lepton.ledger.chaincode.ChaincodeService}). The embedded ledger and the Fabric Gateway client call the
 * transactions below by name; this is their contract.
 *
 * <h2>Calling convention</h2>
 * A transaction is {@code "<Contract>:<transaction>"} ({@code Provenance} is the default contract, so
 * {@code "anchor"} alone works too). Every argument is a UTF-8 string; numbers are plain decimal integers (no sign, no
 * leading zeros), instants ISO-8601 ({@code 2026-01-31T00:00:00Z}). Every result is canonical JSON (UTF-8, members
 * sorted, no whitespace; see {@code Json}); members that do not apply are absent, not null. Every submitted
 * transaction that changes state sets one chaincode event, named below, whose payload is the result.
 *
 * <p>A refusal is an error response whose payload is an {@link ai.lepton.ledger.chaincode.ErrorCode} name and whose
 * message is {@code "<CODE>: <detail>"}; it writes nothing. The shim itself answers a few calls that never reach a
 * contract: an unknown transaction ({@code "Undefined contract method called"}), an unknown contract
 * ({@code "Undefined contract called"}) and too few arguments ({@code "Unexpected error"}), all without payload.
 * Extra arguments are ignored.
 *
 * <h2>Identity model</h2>
 * The caller is the transaction's creator as {@code ClientIdentity} reads it: an MSP id and an X.509 certificate.
 * <ul>
 * <li>A <b>party</b> (lease provider or consumer) is identified by MSP id plus X.509 identity
 * ({@code x509::<subject DN>::<issuer DN>}); any enrolled identity of any organisation can be one. Results record
 * parties as {@code {"id":"x509::...","msp":"Org1MSP","project":"acme"}}.</li>
 * <li>Two certificate attributes, as Fabric CA writes them (extension {@code 1.2.3.4.5.6.7.8.1},
 * {@code {"attrs":{...}}}; enrol with {@code --id.attrs 'lepton.role=operator:ecert'}), carry Lepton's roles:
 * {@code lepton.role=operator} marks the <b>platform operator</b> (the identity the platform submits as: it anchors,
 * reports usage, may act for any project) and {@code lepton.project=<slug>} a member acting for that <b>project</b>
 * (datasets are owned by projects).</li>
 * <li>Any organisation's CA can write any attribute, so attributes count only from the MSPs that
 * {@code Governance:configure} lists (the operator's organisation). Until it is configured, nothing that needs the
 * operator or a project works ({@code NOT_CONFIGURED}). An attribute from another MSP is ignored: such a caller is
 * just a party.</li>
 * <li>Reads (evaluate transactions) are open to every channel member, who replicate the world state anyway.</li>
 * </ul>
 *
 * <h2>Governance</h2>
 * <ul>
 * <li>{@code Governance:configure(operatorMspsJson)} &rarr; {@code GovernanceConfig}; event
 * {@code GovernanceConfigured}. {@code operatorMspsJson} is a JSON array of 1 to 16 MSP ids. The first call (nothing
 * configured) must come from an identity with {@code lepton.role=operator} whose MSP is in the list; later calls
 * from the operator, and the list must keep the caller's MSP. Run it once right after deploying the chaincode.</li>
 * <li>{@code Governance:config()} &rarr; {@code {"configuredAt","configuredBy","operatorMsps":[...],"txId"}}.
 * Anyone. {@code NOT_CONFIGURED} before the first configuration.</li>
 * </ul>
 *
 * <h2>Provenance (default contract)</h2>
 * A subject version is {@code <kind>:<name>[/<name>]{0,3}/<version>}: kind and names lower-case slugs, version a
 * positive integer without leading zeros, for example {@code dataset:acme/sales/3} (project acme, dataset sales,
 * version 3), {@code model:acme/churn/7}, {@code placement:acme/scoring/12}; {@code <kind>:<names>/*} stands for
 * every version of it.
 * <ul>
 * <li>{@code anchor(subject, sha256, metadataJson)} &rarr; {@code Anchor}
 * {@code {"anchoredAt","anchoredBy","metadata":{...},"sha256","subject","txId"}}; event {@code ProvenanceAnchored}.
 * Operator only. {@code sha256}: 64 lower-case hex digits; {@code metadataJson}: a JSON object up to 16 KiB (empty
 * string for none), stored canonically. Idempotent: the same digest and metadata again return the first anchor and
 * write nothing; another digest is {@code DIGEST_CONFLICT}, the same digest with other metadata
 * {@code METADATA_CONFLICT}.</li>
 * <li>{@code anchorBatch(merkleRoot, count, metadataJson)} &rarr; {@code BatchAnchor}
 * {@code {"anchoredAt","anchoredBy","count","merkleRoot","metadata","txId"}}; event {@code BatchAnchored}. Operator
 * only; {@code count} 1 to 10^12. Idempotent likewise ({@code METADATA_CONFLICT} for another count or
 * metadata).</li>
 * <li>{@code get(subject)} &rarr; {@code Anchor}: of that version, or for {@code .../*} the anchor committed last
 * for any version. {@code NOT_FOUND} when none.</li>
 * <li>{@code history(subject)} &rarr; {@code [{"deleted":false,"timestamp","txId","value":Anchor}, ...]} from
 * {@code getHistoryForKey}, newest first (Fabric 2.x order): one entry for a version, every version's anchor for
 * {@code .../*}; {@code []} when none.</li>
 * <li>{@code getBatch(merkleRoot)} &rarr; {@code BatchAnchor}; {@code NOT_FOUND} when none.</li>
 * </ul>
 *
 * <h2>ComputeLease</h2>
 * States {@code OFFERED -> ACTIVE -> SETTLED}, or {@code TERMINATED} from either. Terms
 * ({@link ai.lepton.ledger.chaincode.LeaseTerms}) are fixed by the offer: target node or pool, resources per unit,
 * unit and quantity, currency, {@code pricePerUnitHourMinor} (integer minor units), {@code periodSeconds} and
 * {@code periods}, {@code availabilityTargetBp} (basis points: 9950 = 99.5 %) and {@code penaltyBpPerBp}. Period
 * {@code n} runs {@code [startsAt + n*periodSeconds, startsAt + (n+1)*periodSeconds)} from the acceptance; a
 * termination cuts the period in progress short and no later period begins.
 * <ul>
 * <li>{@code offer(leaseId, termsJson)} &rarr; {@code Lease} ({@code OFFERED}); event {@code LeaseOffered}. Anyone;
 * the caller becomes the provider. Same provider and terms again: returned unchanged; otherwise an existing id is
 * {@code ALREADY_EXISTS}.</li>
 * <li>{@code accept(leaseId)} &rarr; {@code Lease} ({@code ACTIVE}); event {@code LeaseAccepted}. Anyone but the
 * provider; the caller becomes the consumer and period 0 starts at the transaction's timestamp.</li>
 * <li>{@code reportUsage(leaseId, period, unitSeconds, observedSeconds, availableSeconds)} &rarr;
 * {@code LeasePeriod} (usage, no settlement); event {@code UsageReported}. Operator only, once the period has ended
 * ({@code PERIOD_NOT_ENDED} before). {@code unitSeconds}: units times seconds used, at most quantity times the
 * period's length; availability is {@code availableSeconds / observedSeconds}, {@code 1 <= observedSeconds <=}
 * the period's length. Same figures again: unchanged; others: {@code REPORT_CONFLICT}.</li>
 * <li>{@code settle(leaseId, period)} &rarr; {@code LeasePeriod} with {@code settlement}
 * {@code {"availabilityTargetBp","chargeMinor","creditMinor","currency","netMinor","penaltyBpPerBp",
 * "pricePerUnitHourMinor","rounding":"HALF_EVEN","settledAt","settledBy","txId"}}; event
 * {@code LeasePeriodSettled}. Provider, consumer or operator; periods in order ({@code PERIOD_OUT_OF_ORDER}); usage
 * reported first ({@code INVALID_STATE}). Adds to the lease's {@code chargeMinor}, {@code creditMinor},
 * {@code netMinor} and {@code settledPeriods}; the last period of a full term makes the lease {@code SETTLED}.
 * Settling again returns the settled period unchanged. The arithmetic, exact and in minor units:
 * <pre>
 * charge = roundHalfEven(unitSeconds * pricePerUnitHourMinor / 3600)
 * shortfallBp = max(0, availabilityTargetBp - 10000 * availableSeconds / observedSeconds)     (exact fraction)
 * credit = roundHalfEven(charge * min(10000, penaltyBpPerBp * shortfallBp) / 10000)           (at most the charge)
 * net = charge - credit
 * </pre>
 * Half-even: ties go to the even neighbour (0.5 to 0, 1.5 to 2, 2.5 to 2). Example: 4 GPUs all day (345600
 * GPU-seconds) at 250 cents per GPU-hour is 24000; at 99.0 % measured against 99.5 % with 20 bp per bp, the
 * shortfall is 50 bp, the credit 1000 bp of the charge = 2400, the net 21600.</li>
 * <li>{@code terminate(leaseId)} &rarr; {@code Lease} ({@code TERMINATED}); event {@code LeaseTerminated}. An
 * active lease: provider, consumer or operator, before its term is over ({@code INVALID_STATE} after); periods that
 * had begun stay due ({@code periodsDue}) and are reported and settled as usual. An offer: its provider or the
 * operator (withdrawal; nothing is due). Again: unchanged.</li>
 * <li>{@code get(leaseId)} &rarr; {@code Lease} {@code {"chargeMinor","consumer","creditMinor","endsAt","leaseId",
 * "netMinor","offerTxId","offeredAt","periodsDue","provider","settledPeriods","startsAt","state","terminatedAt",
 * "terminatedBy","terms"}}; {@code getPeriod(leaseId, period)} &rarr; {@code LeasePeriod}. Anyone.</li>
 * </ul>
 *
 * <h2>DataSharing</h2>
 * A dataset is {@code <owner project>/<dataset>} (slugs); grantees and purposes are slugs ({@code training},
 * {@code evaluation}, {@code inference}...).
 * <ul>
 * <li>{@code grant(dataset, grantee, purpose, expiresAt)} &rarr; {@code Grant}
 * {@code {"dataset","expiresAt","grantedAt","grantedBy","grantee","ownerProject","purpose","status":"ACTIVE","txId"}};
 * event {@code AccessGranted}. The owner project or the operator; {@code expiresAt} after the transaction's
 * timestamp; the owner cannot be the grantee. Granting again replaces the expiry and re-activates.</li>
 * <li>{@code revoke(dataset, grantee, purpose)} &rarr; {@code Grant} ({@code REVOKED}, with {@code revokedAt},
 * {@code revokedBy}); event {@code AccessRevoked}. The owner project or the operator; {@code NOT_FOUND} without a
 * grant; a revoked grant is returned unchanged.</li>
 * <li>{@code checkAccess(dataset, project, purpose)} &rarr; {@code AccessDecision}
 * {@code {"allowed","askedBy","dataset","decidedAt","expiresAt","grantTxId","project","purpose","reason","txId"}};
 * event {@code AccessDecided}. A submitted transaction: the decision, allowed or not, is written under its
 * transaction id. Asked by the operator, the project itself or the owner. {@code reason}: {@code OWNER},
 * {@code GRANTED} (allowed), {@code NO_GRANT}, {@code REVOKED}, {@code EXPIRED} (at or after {@code expiresAt}).</li>
 * <li>{@code getDecision(txId)} &rarr; {@code AccessDecision}; {@code listByDataset(dataset)} and
 * {@code listByGrantee(project)} &rarr; {@code [Grant, ...]} in key order (grantee then purpose; dataset then
 * purpose), revoked and expired included. Anyone.</li>
 * </ul>
 *
 * <h2>Time</h2>
 * Every time rule (a period has ended, a grant has expired, an expiry lies in the future) is judged against
 * {@code getTxTimestamp()}: the timestamp the submitting client put into its proposal. Fabric does not check it
 * against the peers' clocks, so a client can backdate or postdate its own transactions. The rules that matter are
 * therefore exercised by the operator (usage reports; the platform's own {@code checkAccess} calls); decisions a
 * project asks for itself are recorded with the timestamp it claimed, which auditors can compare with the block's
 * time.
 *
 * <h2>Determinism</h2>
 * No clock (time is {@code getTxTimestamp()}), no randomness, no I/O, no floating point; ids come from callers or the
 * transaction id; JSON is canonical, so every endorsing peer writes the same bytes. Transactions never read their own
 * writes (Fabric does not show them).
 */
package ai.lepton.ledger.chaincode;
