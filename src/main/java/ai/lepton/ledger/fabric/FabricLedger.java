package ai.lepton.ledger.fabric;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.Ledger;
import ai.lepton.ledger.api.LedgerEvent;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.LedgerUnavailableException;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.Subscription;
import ai.lepton.ledger.api.TxStatus;
import ai.lepton.ledger.fabric.FabricSettings.Credentials;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status.Code;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.Checkpointer;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Commit;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.FileCheckpointer;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.InMemoryCheckpointer;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.client.Status;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.SubmittedTransaction;
import org.hyperledger.fabric.client.Transaction;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.PreparedTransaction;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;

/**
 * The {@link Ledger} on a Hyperledger Fabric network, through one peer's gateway service (Fabric Gateway client 1.x).
 *
 * <p>One gRPC channel (TLS when a CA certificate is configured) is shared by one {@link Gateway} per configured
 * identity; {@link #submit} and {@link #evaluate} sign with the identity whose certificate the caller's
 * {@link LedgerIdentity} holds. Every call has its deadline from {@link FabricSettings.Deadlines}.
 *
 * <p>What becomes of a transaction:
 * <ul>
 *   <li>the contract refused it (the endorsing peer reports a chaincode response of status 400 or more): a
 *       {@link TxStatus#REJECTED} receipt with the contract's message;</li>
 *   <li>committed: a receipt with its block number and status, {@link TxStatus#VALID},
 *       {@link TxStatus#MVCC_READ_CONFLICT} or {@link TxStatus#PHANTOM_READ_CONFLICT}; any other validation code
 *       (endorsement policy failure, duplicate id...) is a {@link LedgerException} naming the code;</li>
 *   <li>the peer could not be reached or did not answer in time ({@code UNAVAILABLE}, {@code DEADLINE_EXCEEDED}):
 *       evaluation and endorsement, which change nothing, are retried with exponential backoff
 *       ({@link FabricSettings.Retry}); so is handing the endorsed transaction to the orderers on
 *       {@code UNAVAILABLE}, with the same signed envelope and transaction id (a peer never commits one transaction
 *       id twice), never as a new transaction. Once a submission may have reached the orderers, only the commit
 *       status of that transaction id is asked for. When that runs out: {@link LedgerUnavailableException}, never a
 *       receipt;</li>
 *   <li>anything else the gateway refuses (bad request, access denied, no such chaincode): a
 *       {@link LedgerException} with the gRPC code and the peers' details.</li>
 * </ul>
 * Every exception about a transaction names its transaction id.
 *
 * <p>Thread-safe. Plain Java: the application wires it from its configuration.
 */
public final class FabricLedger implements Ledger {

    private static final System.Logger LOG = System.getLogger(FabricLedger.class.getName());

    /** Blocks come back whole (qscc, block events); Fabric's own limit on messages is 100 MiB. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 100 * 1024 * 1024;
    private static final String QSCC = "qscc";
    /** How the gateway reports an endorser's chaincode error: {@code chaincode response 500, <message>}. */
    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response (\\d{3}), (.*)",
            Pattern.DOTALL);
    private static final Pattern CHECKPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Set<Code> TRANSIENT = Collections.unmodifiableSet(
            EnumSet.of(Code.UNAVAILABLE, Code.DEADLINE_EXCEEDED));
    private static final Set<Code> UNREACHABLE = Collections.unmodifiableSet(EnumSet.of(Code.UNAVAILABLE));
    private static final Duration MAX_RECONNECT_BACKOFF = Duration.ofSeconds(30);
    private static final java.util.concurrent.atomic.AtomicInteger SUBSCRIPTION_IDS =
            new java.util.concurrent.atomic.AtomicInteger();

    private final FabricSettings settings;
    private final ManagedChannel channel;
    private final Map<String, Member> members;
    private final Member operator;
    private final Map<String, Member> byCertificatePem = new ConcurrentHashMap<>();
    private final Set<EventSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A configured identity and its gateway over the shared channel. */
    private record Member(String name, LedgerIdentity identity, X509Identity x509, byte[] certificateDer,
            Gateway gateway, Network network, Contract contract, Contract qscc) {
    }

    private FabricLedger(FabricSettings.Loaded loaded, ManagedChannel channel) {
        this.settings = loaded.settings();
        this.channel = channel;
        Map<String, Member> m = new LinkedHashMap<>();
        for (Credentials c : loaded.identities()) {
            m.put(c.name(), member(c));
        }
        this.members = Collections.unmodifiableMap(m);
        this.operator = members.get(FabricSettings.OPERATOR);
    }

    /**
     * Checks the settings ({@link FabricSettings#validate()}) and opens the channel and one gateway per identity. Does
     * not contact the peer (gRPC connects on the first call): call {@link #height()} to find out whether it answers.
     *
     * @throws FabricConfigException naming each setting that is missing or wrong
     */
    public static FabricLedger connect(FabricSettings settings) {
        FabricSettings.Loaded loaded = settings.load();
        ManagedChannel channel = openChannel(settings);
        try {
            FabricLedger ledger = new FabricLedger(loaded, channel);
            LOG.log(Level.INFO, "Fabric ledger: peer {0} ({1}), channel {2}, chaincode {3}, identities {4}",
                    settings.peerEndpoint(), settings.tlsCaCertificate().isPresent() ? "TLS" : "plaintext",
                    settings.channel(), settings.chaincode(), ledger.members.keySet());
            return ledger;
        } catch (RuntimeException e) {
            channel.shutdownNow();
            throw e;
        }
    }

    private static ManagedChannel openChannel(FabricSettings settings) {
        ChannelCredentials credentials;
        if (settings.tlsCaCertificate().isPresent()) {
            Path ca = settings.tlsCaCertificate().get();
            try {
                credentials = TlsChannelCredentials.newBuilder().trustManager(ca.toFile()).build();
            } catch (IOException | RuntimeException e) {
                throw new FabricConfigException(List.of(FabricSettings.TLS_CA_CERT + ": " + ca
                        + " cannot be used as TLS trust anchor (" + e.getMessage() + ")"));
            }
        } else {
            LOG.log(Level.WARNING, "Fabric ledger: {0} is not set, so the connection to {1} is NOT encrypted; "
                    + "set it to the peer organisation''s TLS CA certificate outside a local test network",
                    FabricSettings.TLS_CA_CERT, settings.peerEndpoint());
            credentials = InsecureChannelCredentials.create();
        }
        ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(settings.peerEndpoint().trim(), credentials)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES);
        settings.overrideAuthority().ifPresent(builder::overrideAuthority);
        return builder.build();
    }

    private Member member(Credentials c) {
        X509Identity x509 = new X509Identity(c.mspId(), c.certificate());
        FabricSettings.Deadlines d = settings.deadlines();
        Gateway gateway = Gateway.newInstance()
                .identity(x509)
                .signer(Signers.newPrivateKeySigner(c.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .evaluateOptions(deadline(d.evaluate()))
                .endorseOptions(deadline(d.endorse()))
                .submitOptions(deadline(d.submit()))
                .commitStatusOptions(deadline(d.commitStatus()))
                .connect();
        Network network = gateway.getNetwork(settings.channel());
        try {
            byte[] der = c.certificate().getEncoded();
            return new Member(c.name(), new LedgerIdentity(c.mspId(), Identities.toPemString(c.certificate())), x509,
                    der, gateway, network, network.getContract(settings.chaincode()), network.getContract(QSCC));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new FabricConfigException(List.of(FabricSettings.identityKey(c.name(), "cert")
                    + ": the certificate cannot be encoded (" + e.getMessage() + ")"));
        }
    }

    /** A deadline counted from each call's start, not from when the gateway was built. */
    private static UnaryOperator<CallOptions> deadline(Duration d) {
        long nanos = d.toNanos();
        return options -> options.withDeadlineAfter(nanos, TimeUnit.NANOSECONDS);
    }

    // ----- identities

    /** The names of the configured identities. */
    public Set<String> identityNames() {
        return members.keySet();
    }

    /**
     * The configured identity {@code name} as the {@link Ledger} methods take it.
     *
     * @throws IllegalArgumentException when no identity of that name is configured
     */
    public LedgerIdentity identity(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no Fabric identity named '" + name + "' is configured under "
                    + FabricSettings.IDENTITIES + " (configured: " + members.keySet() + ")");
        }
        return m.identity();
    }

    /** The settings this ledger runs with. */
    public FabricSettings settings() {
        return settings;
    }

    private Member memberFor(LedgerIdentity who) {
        Member cached = byCertificatePem.get(who.certificatePem());
        if (cached != null && cached.identity().mspId().equals(who.mspId())) {
            return cached;
        }
        X509Certificate cert;
        try {
            cert = Identities.readX509Certificate(who.certificatePem());
        } catch (CertificateException | RuntimeException e) {
            throw new LedgerException("identity of " + who.mspId() + " holds no PEM X.509 certificate: "
                    + e.getMessage(), e);
        }
        byte[] der;
        try {
            der = cert.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new LedgerException("certificate of " + who.mspId() + " cannot be encoded: " + e.getMessage(), e);
        }
        for (Member m : members.values()) {
            if (Arrays.equals(m.certificateDer(), der)) {
                if (!m.identity().mspId().equals(who.mspId())) {
                    throw new LedgerException("identity " + cert.getSubjectX500Principal() + " is configured as '"
                            + m.name() + "' of MSP " + m.identity().mspId() + ", not of MSP " + who.mspId());
                }
                byCertificatePem.put(who.certificatePem(), m);
                return m;
            }
        }
        throw new LedgerException("no identity configured under " + FabricSettings.IDENTITIES
                + " has the certificate of " + who.mspId() + " " + cert.getSubjectX500Principal()
                + ": add its certificate and private key to sign as it (configured: " + members.keySet() + ")");
    }

    // ----- transactions

    @Override
    public Receipt submit(LedgerIdentity who, String function, String... args) {
        checkOpen();
        Member m = memberFor(who);
        Proposal proposal = m.contract().newProposal(function).addArguments(args).build();
        String txId = proposal.getTransactionId();
        Transaction tx;
        try {
            tx = retrying("endorsement", txId, TRANSIENT, proposal::endorse);
        } catch (GatewayException e) {
            Optional<String> refusal = chaincodeRefusal(e);
            if (refusal.isPresent()) {
                LOG.log(Level.DEBUG, "transaction {0} ({1}) rejected by the contract: {2}", txId, function,
                        refusal.get());
                return new Receipt(txId, -1, TxStatus.REJECTED, refusal.get(), null, List.of());
            }
            throw failure("endorsement of transaction " + txId + " (" + function + ")", e);
        }
        Commit commit = handToOrderers(m, tx, function);
        Status status;
        try {
            status = retrying("commit status", txId, UNREACHABLE, commit::getStatus);
        } catch (LedgerUnavailableException e) {
            throw new LedgerUnavailableException("transaction " + txId + " (" + function + ") was endorsed and "
                    + "handed to the orderers, but its commit status could not be read (" + e.getMessage()
                    + "); it may still commit: look it up by its id", txId, e.attempts(), e.getCause());
        } catch (GatewayException e) {
            if (e.getStatus().getCode() == Code.DEADLINE_EXCEEDED) {
                throw new LedgerUnavailableException("transaction " + txId + " (" + function + ") was not committed "
                        + "within " + settings.deadlines().commitStatus().toSeconds() + " s of its submission; it "
                        + "may still commit: look it up by its id (" + describe(e) + ")", txId, 1, e);
            }
            throw failure("commit status of transaction " + txId + " (" + function + ")", e);
        }
        return receipt(tx, status, function);
    }

    /**
     * Hands the endorsed transaction to the orderers through the gateway. {@code UNAVAILABLE} (the gateway was not
     * reached, or no orderer took it) is retried with the same signed envelope, which cannot commit twice. After a
     * {@code DEADLINE_EXCEEDED}, or when the retries run out, the transaction may or may not have reached an orderer:
     * nothing more is sent, and its commit status decides.
     */
    private Commit handToOrderers(Member m, Transaction tx, String function) {
        String txId = tx.getTransactionId();
        int attempts = settings.retry().attempts();
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            try {
                SubmittedTransaction submitted = tx.submitAsync();
                return submitted;
            } catch (SubmitException e) {
                Code code = e.getStatus().getCode();
                if (code == Code.UNAVAILABLE && attempt < attempts) {
                    backoff("submission", txId, attempt, e);
                    continue;
                }
                if (TRANSIENT.contains(code)) {
                    LOG.log(Level.WARNING, "submission of transaction {0} ({1}) ended with {2} after {3} attempt(s); "
                            + "it may have reached an orderer, so only its commit status is asked for now", txId,
                            function, code, attempt);
                    return commitFor(m, txId);
                }
                // the orderers answered and refused it: it was not ordered
                throw failure("submission of transaction " + txId + " (" + function + ")", e);
            }
        }
    }

    /** A commit status request for {@code txId} as the gateway client would build it after a submission. */
    private Commit commitFor(Member m, String txId) {
        byte[] creator = SerializedIdentity.newBuilder().setMspid(m.x509().getMspId())
                .setIdBytes(ByteString.copyFrom(m.x509().getCredentials())).build().toByteArray();
        CommitStatusRequest request = CommitStatusRequest.newBuilder().setChannelId(settings.channel())
                .setTransactionId(txId).setIdentity(ByteString.copyFrom(creator)).build();
        return m.gateway().newCommit(SignedCommitStatusRequest.newBuilder().setRequest(request.toByteString()).build()
                .toByteArray());
    }

    private Receipt receipt(Transaction tx, Status status, String function) {
        String txId = tx.getTransactionId();
        TxStatus txStatus = switch (status.getCode()) {
            case VALID -> TxStatus.VALID;
            case MVCC_READ_CONFLICT -> TxStatus.MVCC_READ_CONFLICT;
            case PHANTOM_READ_CONFLICT -> TxStatus.PHANTOM_READ_CONFLICT;
            default -> null;
        };
        if (txStatus == null) {
            throw new LedgerException("transaction " + txId + " (" + function + ") is invalid in block "
                    + status.getBlockNumber() + ": " + status.getCode() + " (" + status.getCode().getNumber() + ")");
        }
        String message = "";
        List<LedgerEvent> events = List.of();
        try {
            Blocks.EnvelopeInfo info = Blocks.envelope(PreparedTransaction.parseFrom(tx.getBytes()).getEnvelope());
            if (info.action().isPresent()) {
                ChaincodeAction action = info.action().get();
                message = action.getResponse().getMessage();
                Optional<ChaincodeEvent> event = Blocks.event(action, settings.chaincode());
                if (event.isPresent() && txStatus == TxStatus.VALID) {
                    // the commit status does not say where in its block the transaction is
                    events = List.of(new LedgerEvent(status.getBlockNumber(), -1, txId, event.get().getEventName(),
                            event.get().getPayload().toByteArray(), info.timestamp()));
                }
            }
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            LOG.log(Level.WARNING, "transaction {0}: its envelope could not be read for the response message and "
                    + "event ({1}); the receipt has neither", txId, e.toString());
        }
        return new Receipt(txId, status.getBlockNumber(), txStatus, message, tx.getResult(), events);
    }

    /** Submits each invocation in order, waiting for each to commit: Fabric has no batch submission. */
    @Override
    public List<Receipt> submitAll(LedgerIdentity who, List<Invocation> invocations) {
        List<Receipt> receipts = new ArrayList<>(invocations.size());
        for (Invocation inv : invocations) {
            receipts.add(submit(who, inv.function(), inv.args().toArray(String[]::new)));
        }
        return receipts;
    }

    @Override
    public Evaluation evaluate(LedgerIdentity who, String function, String... args) {
        checkOpen();
        Member m = memberFor(who);
        Proposal proposal = m.contract().newProposal(function).addArguments(args).build();
        String txId = proposal.getTransactionId();
        try {
            byte[] result = retrying("evaluation", txId, TRANSIENT, proposal::evaluate);
            return new Evaluation(txId, TxStatus.VALID, "", result);
        } catch (GatewayException e) {
            Optional<String> refusal = chaincodeRefusal(e);
            if (refusal.isPresent()) {
                return new Evaluation(txId, TxStatus.REJECTED, refusal.get(), null);
            }
            throw failure("evaluation " + txId + " (" + function + ")", e);
        }
    }

    // ----- chain

    /** The peer's chain height, from the query system chaincode ({@code qscc GetChainInfo}). */
    @Override
    public long height() {
        return chainInfo().getHeight();
    }

    private BlockchainInfo chainInfo() {
        checkOpen();
        Proposal p = operator.qscc().newProposal("GetChainInfo").addArguments(settings.channel()).build();
        try {
            byte[] bytes = retrying("qscc GetChainInfo", p.getTransactionId(), TRANSIENT, p::evaluate);
            return BlockchainInfo.parseFrom(bytes);
        } catch (GatewayException e) {
            throw failure("qscc GetChainInfo " + p.getTransactionId(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("qscc GetChainInfo " + p.getTransactionId() + " answered no BlockchainInfo: "
                    + e.getMessage(), e);
        }
    }

    private Block block(long number) {
        checkOpen();
        Proposal p = operator.qscc().newProposal("GetBlockByNumber")
                .addArguments(settings.channel(), Long.toString(number)).build();
        try {
            byte[] bytes = retrying("qscc GetBlockByNumber " + number, p.getTransactionId(), TRANSIENT,
                    p::evaluate);
            return Block.parseFrom(bytes);
        } catch (GatewayException e) {
            throw failure("qscc GetBlockByNumber " + number + " (" + p.getTransactionId() + ")", e);
        } catch (InvalidProtocolBufferException e) {
            throw new LedgerException("qscc GetBlockByNumber " + number + " answered no block: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every block from the peer ({@code qscc GetBlockByNumber}, one call per block) and checks the chain the
     * way Fabric builds it: each block's number, its {@code data_hash} against its transactions, its
     * {@code previous_hash} against the header hash of the block before, and the last header hash against the
     * peer's current block hash ({@code qscc GetChainInfo}).
     *
     * <p>This finds a peer whose stored chain was altered or damaged. It does not check the orderers' signatures in
     * the block metadata, so it cannot tell a consistent chain forged by the peer itself: record
     * {@link ChainVerification#headHash()} elsewhere, or compare it between peers of different organisations.
     */
    @Override
    public ChainVerification verify() {
        long t0 = System.nanoTime();
        BlockchainInfo info = chainInfo();
        long height = info.getHeight();
        byte[] previous = new byte[0];
        long transactions = 0;
        for (long n = 0; n < height; n++) {
            Block b = block(n);
            String problem = null;
            if (b.getHeader().getNumber() != n) {
                problem = "the peer returned block " + b.getHeader().getNumber() + " for block " + n;
            } else if (!Arrays.equals(Blocks.dataHash(b.getData()), b.getHeader().getDataHash().toByteArray())) {
                problem = "its data_hash does not match its " + b.getData().getDataCount() + " transactions";
            } else if (n > 0 && !Arrays.equals(previous, b.getHeader().getPreviousHash().toByteArray())) {
                problem = "its previous_hash is not the header hash of block " + (n - 1);
            }
            if (problem != null) {
                ChainVerification v = new ChainVerification(false, n, transactions, Blocks.hex(previous), n, problem);
                LOG.log(Level.ERROR, "Fabric ledger, channel {0}: {1}", settings.channel(), v);
                return v;
            }
            previous = Blocks.headerHash(b.getHeader());
            transactions += b.getData().getDataCount();
            if ((n + 1) % 1000 == 0) {
                LOG.log(Level.INFO, "Fabric ledger verification: {0} of {1} blocks checked", n + 1, height);
            }
        }
        ChainVerification v;
        if (height > 0 && !Arrays.equals(previous, info.getCurrentBlockHash().toByteArray())) {
            v = new ChainVerification(false, height, transactions, Blocks.hex(previous), height - 1,
                    "its header hash is not the peer's current block hash " + Blocks.hex(
                            info.getCurrentBlockHash().toByteArray()));
        } else {
            v = new ChainVerification(true, height, transactions, Blocks.hex(previous), -1, "");
        }
        LOG.log(v.intact() ? Level.INFO : Level.ERROR, "Fabric ledger, channel {0}: {1} ({2} ms)",
                settings.channel(), v, (System.nanoTime() - t0) / 1_000_000);
        return v;
    }

    // ----- events

    /**
     * Delivers the chaincode events of valid transactions from block {@code fromBlock} on, read from the peer's
     * block stream as the operator. The stream is reopened after the peer was unreachable, from the next event not
     * yet delivered. The position is kept in memory only; see {@link #events(String, long, Consumer)} for one that
     * survives a restart.
     *
     * <p>{@link LedgerEvent#txIndex()} is the transaction's position in its block, as on the embedded ledger.
     */
    @Override
    public Subscription events(long fromBlock, Consumer<LedgerEvent> listener) {
        if (fromBlock < 0) {
            throw new IllegalArgumentException("fromBlock must not be negative: " + fromBlock);
        }
        return start("subscription-" + SUBSCRIPTION_IDS.incrementAndGet(), new InMemoryCheckpointer(), fromBlock,
                listener);
    }

    /**
     * Like {@link #events(long, Consumer)}, with the position persisted in {@code <checkpoint-dir>/<name>.json}
     * (Fabric Gateway's {@link FileCheckpointer}) after each delivered event and each block. When that file holds a
     * position, delivery resumes there, after the last transaction delivered, and {@code fromBlock} is ignored. A
     * crash may lose the last few checkpoint writes, so events can still come twice: deduplicate on
     * {@link LedgerEvent#txId()}.
     *
     * @param name the subscriber, {@code [A-Za-z0-9][A-Za-z0-9._-]*}; one subscription per name at a time
     * @throws LedgerException when the checkpoint file cannot be opened or is in use
     */
    public Subscription events(String name, long fromBlock, Consumer<LedgerEvent> listener) {
        if (name == null || !CHECKPOINT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("checkpoint name must match " + CHECKPOINT_NAME.pattern() + ": "
                    + name);
        }
        if (fromBlock < 0) {
            throw new IllegalArgumentException("fromBlock must not be negative: " + fromBlock);
        }
        Path file = settings.checkpointDirectory().resolve(name + ".json");
        FileCheckpointer checkpointer;
        try {
            Files.createDirectories(settings.checkpointDirectory());
            checkpointer = new FileCheckpointer(file);
        } catch (IOException | RuntimeException e) {
            throw new LedgerException("event checkpoint " + file + " cannot be opened: " + e.getMessage(), e);
        }
        return start(name, checkpointer, fromBlock, listener);
    }

    private Subscription start(String name, Checkpointer checkpointer, long fromBlock,
            Consumer<LedgerEvent> listener) {
        try {
            checkOpen();
        } catch (LedgerException e) {
            closeCheckpointer(checkpointer);
            throw e;
        }
        EventSubscription s = new EventSubscription(name, checkpointer, fromBlock, listener);
        subscriptions.add(s);
        s.thread.start();
        return s;
    }

    private static void closeCheckpointer(Checkpointer c) {
        if (c instanceof FileCheckpointer f) {
            try {
                f.sync();
                f.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "event checkpoint could not be closed: {0}", e.toString());
            }
        }
    }

    /** One block stream on a thread of its own; reopens the stream after the peer was unreachable. */
    private final class EventSubscription implements Subscription {
        private final String name;
        private final Checkpointer checkpointer;
        private final Consumer<LedgerEvent> listener;
        private final Thread thread;
        private final Object wakeUp = new Object();
        private volatile long nextBlock;
        /** In block {@link #nextBlock}, deliver only the events of transactions after this one; null: all. */
        private volatile String afterTx;
        private volatile boolean stopped;
        private volatile CloseableIterator<Block> stream;

        EventSubscription(String name, Checkpointer checkpointer, long fromBlock, Consumer<LedgerEvent> listener) {
            this.name = name;
            this.checkpointer = checkpointer;
            this.listener = listener;
            if (checkpointer.getBlockNumber().isPresent()) {
                this.nextBlock = checkpointer.getBlockNumber().getAsLong();
                this.afterTx = checkpointer.getTransactionId().orElse(null);
                LOG.log(Level.INFO, "Fabric events {0}: resuming from the checkpoint, block {1}{2}", name, nextBlock,
                        afterTx == null ? "" : " after transaction " + afterTx);
            } else {
                this.nextBlock = fromBlock;
            }
            this.thread = new Thread(this::run, "fabric-events-" + name);
            this.thread.setDaemon(true);
        }

        @Override
        public long nextBlock() {
            return nextBlock;
        }

        @Override
        public boolean closed() {
            return stopped;
        }

        @Override
        public void close() {
            stopped = true;
            CloseableIterator<Block> s = stream;
            if (s != null) {
                s.close();
            }
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private void run() {
            int failures = 0;
            try {
                while (!stopped) {
                    String outcome;
                    try (CloseableIterator<Block> blocks = operator.network().newBlockEventsRequest()
                            .startBlock(nextBlock).build().getEvents()) {
                        stream = blocks;
                        if (stopped) {
                            break;
                        }
                        while (!stopped && blocks.hasNext()) {
                            deliver(blocks.next());
                            failures = 0;
                        }
                        outcome = "the peer ended the block stream";
                    } catch (GatewayRuntimeException e) {
                        if (stopped) {
                            break;
                        }
                        if (!TRANSIENT.contains(e.getStatus().getCode())) {
                            LOG.log(Level.ERROR, "Fabric events {0}: the block stream failed at block {1}, "
                                    + "subscription ended: {2}", name, nextBlock, describe(e));
                            break;
                        }
                        outcome = describe(e);
                    } catch (NoSuchElementException e) {
                        // the deliver service answered with a status instead of a block
                        if (stopped) {
                            break;
                        }
                        if (e.getMessage() == null || !e.getMessage().contains("SERVICE_UNAVAILABLE")) {
                            LOG.log(Level.ERROR, "Fabric events {0}: the peer refused the block stream at block {1}, "
                                    + "subscription ended: {2}", name, nextBlock, e.getMessage());
                            break;
                        }
                        outcome = e.getMessage();
                    } catch (ListenerFailed e) {
                        LOG.log(Level.ERROR, "Fabric events {0}: the listener failed on block {1}, subscription ended "
                                + "(resume from the checkpoint): {2}", name, nextBlock, e.getCause().toString());
                        break;
                    } catch (CheckpointFailed e) {
                        LOG.log(Level.ERROR, "Fabric events {0}: the checkpoint could not be written at block {1}, "
                                + "subscription ended: {2}", name, nextBlock, e.getCause().toString());
                        break;
                    } catch (InvalidProtocolBufferException | RuntimeException e) {
                        if (stopped) {
                            break;
                        }
                        LOG.log(Level.ERROR, "Fabric events {0}: block {1} could not be read, subscription ended: {2}",
                                name, nextBlock, e.toString());
                        break;
                    } finally {
                        stream = null;
                    }
                    if (stopped) {
                        break;
                    }
                    failures++;
                    Duration wait = settings.retry().backoff(failures);
                    if (wait.compareTo(MAX_RECONNECT_BACKOFF) > 0) {
                        wait = MAX_RECONNECT_BACKOFF;
                    }
                    LOG.log(Level.WARNING, "Fabric events {0}: {1}; reconnecting from block {2} in {3} ms", name,
                            outcome, nextBlock, wait.toMillis());
                    synchronized (wakeUp) {
                        if (!stopped) {
                            wakeUp.wait(Math.max(1, wait.toMillis()));
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                stopped = true;
                subscriptions.remove(this);
                closeCheckpointer(checkpointer);
            }
        }

        private void deliver(Block block) throws InvalidProtocolBufferException {
            long number = block.getHeader().getNumber();
            if (number < nextBlock) {
                return;
            }
            int after = -1;
            String skipTo = afterTx;
            if (skipTo != null && number == nextBlock) {
                after = Blocks.indexOf(block, skipTo);
                if (after < 0) {
                    LOG.log(Level.WARNING, "Fabric events {0}: checkpoint transaction {1} is not in block {2}; "
                            + "delivering the whole block", name, skipTo, number);
                }
            }
            if (Blocks.validationFlags(block).size() < block.getData().getDataCount()) {
                LOG.log(Level.WARNING, "Fabric events {0}: block {1} has no validation flags; none of its events "
                        + "is delivered", name, number);
            }
            for (LedgerEvent event : Blocks.chaincodeEvents(block, settings.chaincode())) {
                if (event.txIndex() <= after) {
                    continue;
                }
                if (stopped) {
                    return;
                }
                try {
                    listener.accept(event);
                } catch (RuntimeException | Error e) {
                    stopped = true;
                    throw new ListenerFailed(e);
                }
                try {
                    checkpointer.checkpointTransaction(number, event.txId());
                } catch (IOException e) {
                    throw new CheckpointFailed(e);
                }
            }
            try {
                checkpointer.checkpointBlock(number);
                if (checkpointer instanceof FileCheckpointer f) {
                    f.sync();
                }
            } catch (IOException e) {
                throw new CheckpointFailed(e);
            }
            afterTx = null;
            nextBlock = number + 1;
        }
    }

    private static final class ListenerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailed(Throwable cause) {
            super(cause);
        }
    }

    private static final class CheckpointFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckpointFailed(IOException cause) {
            super(cause);
        }
    }

    // ----- errors and retries

    @FunctionalInterface
    private interface GatewayCall<T> {
        T call() throws GatewayException;
    }

    /**
     * Runs {@code call}, retrying it with exponential backoff while it fails with one of {@code retryOn}.
     *
     * @throws LedgerUnavailableException when the last attempt failed that way too
     * @throws GatewayException any other failure, at once
     */
    private <T> T retrying(String what, String txId, Set<Code> retryOn, GatewayCall<T> call)
            throws GatewayException {
        int attempts = settings.retry().attempts();
        for (int attempt = 1; ; attempt++) {
            checkOpen();
            try {
                return call.call();
            } catch (GatewayException e) {
                if (!retryOn.contains(e.getStatus().getCode())) {
                    throw e;
                }
                if (attempt >= attempts) {
                    throw new LedgerUnavailableException("Fabric peer " + settings.peerEndpoint() + " unavailable: "
                            + what + " of " + txId + " failed " + attempt + " time(s), last with " + describe(e),
                            txId, attempt, e);
                }
                backoff(what, txId, attempt, e);
            }
        }
    }

    private void backoff(String what, String txId, int failures, GatewayException e) {
        Duration wait = settings.retry().backoff(failures);
        LOG.log(Level.WARNING, "{0} of {1} failed (attempt {2} of {3}): {4}; retrying in {5} ms", what, txId,
                failures, settings.retry().attempts(), describe(e), wait.toMillis());
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException(what + " of " + txId + " interrupted while waiting to retry", txId,
                    failures, e);
        }
    }

    /**
     * The contract's message when the gateway reports that the chaincode itself answered with an error status (the
     * transaction was refused by the contract, not by Fabric).
     */
    static Optional<String> chaincodeRefusal(GatewayException e) {
        for (ErrorDetail d : details(e)) {
            Matcher m = CHAINCODE_RESPONSE.matcher(d.getMessage());
            if (m.find()) {
                return Optional.of(m.group(2));
            }
        }
        String description = e.getStatus().getDescription();
        if (description != null) {
            Matcher m = CHAINCODE_RESPONSE.matcher(description);
            if (m.find()) {
                return Optional.of(m.group(2));
            }
        }
        return Optional.empty();
    }

    private static List<ErrorDetail> details(GatewayException e) {
        try {
            return e.getDetails();
        } catch (RuntimeException malformed) {
            return List.of();
        }
    }

    /** The gRPC code, the gateway's message, the local cause (a TLS failure...) and each endpoint's detail. */
    static String describe(GatewayException e) {
        StringBuilder sb = new StringBuilder().append(status(e.getStatus()));
        for (ErrorDetail d : details(e)) {
            sb.append(" [").append(d.getMspId()).append(' ').append(d.getAddress()).append(": ")
                    .append(d.getMessage()).append(']');
        }
        return sb.toString();
    }

    private static String describe(GatewayRuntimeException e) {
        return status(e.getStatus());
    }

    private static String status(io.grpc.Status status) {
        StringBuilder sb = new StringBuilder().append(status.getCode());
        if (status.getDescription() != null) {
            sb.append(": ").append(status.getDescription().replaceAll("\\s*\\R\\s*", " "));
        }
        Throwable cause = status.getCause();
        while (cause != null && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause != null) {
            sb.append(" (").append(cause).append(')');
        }
        return sb.toString();
    }

    private LedgerException failure(String what, GatewayException e) {
        if (TRANSIENT.contains(e.getStatus().getCode())) {
            // reached only where the caller chose not to retry this code
            return new LedgerUnavailableException(what + " failed: " + describe(e), txIdOf(e), 1, e);
        }
        return new LedgerException(what + " failed: " + describe(e), e);
    }

    private static String txIdOf(GatewayException e) {
        return e instanceof org.hyperledger.fabric.client.TransactionException t ? t.getTransactionId() : null;
    }

    private void checkOpen() {
        if (closed) {
            throw new LedgerException("Fabric ledger (peer " + settings.peerEndpoint() + ") is closed");
        }
    }

    /** Ends the event subscriptions, then the gateways, then the channel (waiting up to 5 s for calls in flight). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EventSubscription s : List.copyOf(subscriptions)) {
            s.close();
        }
        for (Member m : members.values()) {
            m.gateway().close();
        }
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
                channel.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.log(Level.INFO, "Fabric ledger (peer {0}, channel {1}) closed", settings.peerEndpoint(),
                settings.channel());
    }
}
