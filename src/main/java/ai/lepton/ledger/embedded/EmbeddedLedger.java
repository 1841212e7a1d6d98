package ai.lepton.ledger.embedded;

import ai.lepton.ledger.api.ChainVerification;
import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Invocation;
import ai.lepton.ledger.api.Ledger;
import ai.lepton.ledger.api.LedgerEvent;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.api.Receipt;
import ai.lepton.ledger.api.Subscription;
import ai.lepton.ledger.api.TxStatus;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.Chaincode;

/**
 * A single-organisation Fabric-style ledger in the process: it runs the chaincode on the class path through the
 * shim's real {@code ContractRouter}, keeps blocks in an append-only hash-chained file, and the world state and
 * history in memory. See the package documentation for the storage format and the guarantees.
 *
 * <p>A transaction's life, as on Fabric: <b>endorse</b> (the contract runs against a {@link EmbeddedStub} over the
 * committed state, under a read lock, recording its read and write sets), <b>order</b> (a queue; one committer
 * thread cuts a block when {@code maxBlockTransactions} are waiting, when a caller waits for its result, or after
 * {@code batchTimeout}), <b>validate</b> (each read's version and each range's results are compared with the state
 * as left by the blocks and the earlier transactions of the same block: a stale one marks the transaction
 * {@code MVCC_READ_CONFLICT} or {@code PHANTOM_READ_CONFLICT}; it stays in the block and its writes are dropped),
 * <b>commit</b> (append the block, fsync, then apply the valid writes under the write lock). Commits are
 * serialised on the committer thread; every public method is thread-safe.
 */
public final class EmbeddedLedger implements Ledger {

    private static final System.Logger LOG = System.getLogger(EmbeddedLedger.class.getName());
    static final String GENESIS_FUNCTION = "lepton:genesis";
    private static final String CHAINCODE_NAME = "lepton";

    private final Path dir;
    private final LedgerOptions options;
    private final BlockStore store;
    private final WorldState state = new WorldState();
    private final X509Certificate root;
    private volatile ContractHost host;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Member> members = new ConcurrentHashMap<>();
    private final StubHost stubHost = new StubHost();

    // chain index; written by the committer under the state write lock
    private final LongList blockOffsets = new LongList();
    private final LongList blockFirstTx = new LongList();
    private final LongList txOffsets = new LongList();
    private volatile long height;
    private volatile byte[] headHash = Block.ZERO_HASH;
    private volatile String damage;

    // ordering
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queueChanged = queueLock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final int queueCapacity;
    private long enqueued;
    private long flushUpTo = -1;
    private boolean stopping;
    private final Thread committer;

    // events
    private final Object heightMonitor = new Object();
    private final List<EventSubscription> subscriptions = new CopyOnWriteArrayList<>();
    private final AtomicInteger subscriptionIds = new AtomicInteger();
    private volatile boolean closed;

    private EmbeddedLedger(Path dir, LedgerOptions options, BlockStore store, X509Certificate root) {
        this.dir = dir;
        this.options = options;
        this.store = store;
        this.root = root;
        this.queueCapacity = Math.max(4 * options.maxBlockTransactions(), 1024);
        this.committer = new Thread(this::runCommitter, "ledger-committer-" + dir.getFileName());
        this.committer.setDaemon(true);
    }

    /**
     * Opens the ledger kept in {@code dir}, creating it (with its block 0) when the directory holds none. Replays
     * every block to rebuild the state, re-hashing the chain as it goes. A torn last record (a crash during an
     * append) is moved aside to {@code blocks.dat.torn-OFFSET} and cut off, with a warning. Any other damage does
     * not stop the open: the ledger then serves the state up to the last good block, refuses new transactions, and
     * {@link #verify()} names the first bad block.
     *
     * @throws LedgerException if the directory is in use, unreadable, or was created for another channel, MSP or CA
     */
    public static EmbeddedLedger open(Path dir, LedgerOptions options) {
        X509Certificate root;
        try {
            root = LocalCa.parseCertificate(options.rootCertificatePem());
        } catch (GeneralSecurityException e) {
            throw new LedgerException("rootCertificatePem is not an X.509 certificate: " + e.getMessage(), e);
        }
        BlockStore store;
        try {
            store = BlockStore.open(dir, options.fsync());
        } catch (IOException e) {
            throw new LedgerException("ledger directory " + dir + " could not be opened: " + e.getMessage(), e);
        }
        EmbeddedLedger ledger = new EmbeddedLedger(dir, options, store, root);
        try {
            ledger.load();
        } catch (IOException | RuntimeException e) {
            try {
                store.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof LedgerException le ? le
                    : new LedgerException("ledger in " + dir + " could not be loaded: " + e.getMessage(), e);
        }
        ledger.committer.start();
        return ledger;
    }

    // ----- Ledger

    @Override
    public Receipt submit(LedgerIdentity who, String function, String... args) {
        checkWritable();
        Simulation sim = simulate(who, function, List.of(args));
        if (sim.rejected != null) {
            return sim.rejected;
        }
        Pending p = enqueue(sim, true);
        return await(p);
    }

    @Override
    public List<Receipt> submitAll(LedgerIdentity who, List<Invocation> invocations) {
        checkWritable();
        Object[] results = new Object[invocations.size()];
        for (int i = 0; i < invocations.size(); i++) {
            Invocation inv = invocations.get(i);
            Simulation sim = simulate(who, inv.function(), inv.args());
            results[i] = sim.rejected != null ? sim.rejected : enqueue(sim, false);
        }
        flush();
        List<Receipt> receipts = new ArrayList<>(results.length);
        for (Object r : results) {
            receipts.add(r instanceof Pending p ? await(p) : (Receipt) r);
        }
        return receipts;
    }

    /**
     * Endorses the transaction now and queues it for ordering without waiting: the block holding it is cut when
     * {@code maxBlockTransactions} are waiting, when {@link #cutBlock()} or a blocking submit asks, or after
     * {@code batchTimeout}. For a consumer that anchors a stream of events and acknowledges each once its receipt
     * arrives. A rejected transaction's future is already complete.
     */
    public CompletableFuture<Receipt> submitAsync(LedgerIdentity who, String function, String... args) {
        checkWritable();
        Simulation sim = simulate(who, function, List.of(args));
        if (sim.rejected != null) {
            return CompletableFuture.completedFuture(sim.rejected);
        }
        return enqueue(sim, false).done.copy();
    }

    /** Cuts a block from every transaction waiting now (up to {@code maxBlockTransactions} per block). */
    public void cutBlock() {
        flush();
    }

    @Override
    public Evaluation evaluate(LedgerIdentity who, String function, String... args) {
        checkOpen();
        Simulation sim = simulate(who, function, List.of(args));
        if (sim.rejected != null) {
            Receipt r = sim.rejected;
            return new Evaluation(r.txId(), TxStatus.REJECTED, r.message(), r.payload());
        }
        return new Evaluation(sim.tx.txIdHex(), TxStatus.VALID, sim.tx.message(), sim.tx.payload());
    }

    @Override
    public Subscription events(long fromBlock, Consumer<LedgerEvent> listener) {
        checkOpen();
        if (fromBlock < 0) {
            throw new IllegalArgumentException("fromBlock must not be negative: " + fromBlock);
        }
        EventSubscription s = new EventSubscription(fromBlock, listener, subscriptionIds.incrementAndGet());
        subscriptions.add(s);
        s.thread.start();
        return s;
    }

    @Override
    public long height() {
        return height;
    }

    /** Hex SHA-256 of the last committed block's header. */
    public String headHash() {
        return Hashes.hex(headHash);
    }

    /** The channel, MSP and block-cutting settings this ledger runs with. */
    public LedgerOptions options() {
        return options;
    }

    /** Why the ledger refuses new transactions (damage found on open or a failed write), or null when it does not. */
    public String damage() {
        return damage;
    }

    @Override
    public ChainVerification verify() {
        long limit;
        long expectedHeight;
        byte[] expectedHead;
        state.lock.readLock().lock();
        try {
            limit = store.end();
            expectedHeight = height;
            expectedHead = headHash;
        } finally {
            state.lock.readLock().unlock();
        }
        long t0 = System.nanoTime();
        try {
            long size = Files.size(store.file());
            boolean damaged = damage != null;
            ChainVerification v = scan(damaged ? size : Math.min(limit, size), expectedHeight, expectedHead,
                    damaged);
            if (v.intact() && size > limit) {
                v = new ChainVerification(false, v.blocks(), v.transactions(), v.headHash(), expectedHeight,
                        (size - limit) + " bytes after the last committed block");
            } else if (v.intact() && size < limit) {
                v = new ChainVerification(false, v.blocks(), v.transactions(), v.headHash(), v.blocks(),
                        "the block file is " + (limit - size) + " bytes shorter than the committed chain");
            }
            LOG.log(v.intact() ? Level.INFO : Level.ERROR, "Ledger {0}: {1} ({2} ms)", dir, v,
                    (System.nanoTime() - t0) / 1_000_000);
            return v;
        } catch (IOException e) {
            throw new LedgerException("block file could not be read for verification: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queueLock.lock();
        try {
            stopping = true;
            queueChanged.signalAll();
        } finally {
            queueLock.unlock();
        }
        try {
            committer.join(TimeUnit.SECONDS.toMillis(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (EventSubscription s : subscriptions) {
            s.close();
        }
        synchronized (heightMonitor) {
            heightMonitor.notifyAll();
        }
        try {
            store.close();
        } catch (IOException e) {
            throw new LedgerException("ledger files could not be closed: " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "Ledger {0} closed at height {1}", dir, height);
    }

    // ----- endorsement

    private record Simulation(Tx tx, Block.Creator creator, Receipt rejected) {
    }

    /** A certificate that passed the MSP check, and its serialized identity (cached per PEM). */
    private record Member(Block.Creator creator, byte[] serialized, X509Certificate cert) {
    }

    private Simulation simulate(LedgerIdentity who, String function, List<String> args) {
        List<byte[]> raw = new ArrayList<>(args.size() + 1);
        raw.add(function.getBytes(StandardCharsets.UTF_8));
        for (String a : args) {
            raw.add(a.getBytes(StandardCharsets.UTF_8));
        }
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        Instant now = options.clock().instant();
        Member m;
        try {
            m = member(who, now);
        } catch (Rejection r) {
            byte[] id = Hashes.sha256(concat(nonce, who.certificatePem().getBytes(StandardCharsets.UTF_8)));
            return rejected(Hashes.hex(id), r.getMessage(), null);
        }
        // Fabric: txId = hex(SHA-256(nonce || creator)), binding = SHA-256(nonce || creator || epoch, little-endian)
        byte[] txId = Hashes.sha256(concat(nonce, m.serialized));
        byte[] binding = Hashes.sha256(concat(concat(nonce, m.serialized),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0).array()));
        String txIdHex = Hashes.hex(txId);
        EmbeddedStub stub = new EmbeddedStub(stubHost, txIdHex, now, m.serialized, binding, raw);
        Chaincode.Response response;
        state.lock.readLock().lock();
        try {
            response = host().invoke(stub);
        } finally {
            stub.finish();
            state.lock.readLock().unlock();
        }
        // as the peer: a status of 400 or more is an endorsement failure, and the transaction is never ordered
        if (response.getStatusCode() >= 400) {
            return rejected(txIdHex, response.getMessage(), response.getPayload());
        }
        List<Tx.Write> writes = stub.writeSet();
        if (stub.usedPagination() && !writes.isEmpty()) {
            return rejected(txIdHex, "paginated queries are supported only in read-only transactions", null);
        }
        Tx tx = new Tx(txId, now.getEpochSecond(), now.getNano(), -1, raw, ValidationCode.VALID, stub.readSet(),
                stub.rangeReads(), writes, stub.chaincodeEvent(), response.getStatusCode(),
                response.getMessage() == null ? "" : response.getMessage(),
                response.getPayload() == null ? new byte[0] : response.getPayload());
        return new Simulation(tx, m.creator, null);
    }

    private ContractHost host() {
        ContractHost h = host;
        if (h == null) {
            h = ContractHost.forPackages(options.contractPackages());
            host = h;
        }
        return h;
    }

    private static Simulation rejected(String txId, String message, byte[] payload) {
        return new Simulation(null, null, new Receipt(txId, -1, TxStatus.REJECTED, message, payload, List.of()));
    }

    private static final class Rejection extends Exception {
        private static final long serialVersionUID = 1L;

        Rejection(String message) {
            super(message, null, false, false);
        }
    }

    /** The MSP check a peer does on a proposal's creator: right MSP, certificate issued by its CA, not expired. */
    private Member member(LedgerIdentity who, Instant now) throws Rejection {
        if (!options.mspId().equals(who.mspId())) {
            throw new Rejection("creator's MSP " + who.mspId() + " is not " + options.mspId()
                    + ", the only organisation of channel " + options.channelId());
        }
        Member m = members.get(who.certificatePem());
        if (m == null) {
            X509Certificate cert;
            try {
                cert = LocalCa.parseCertificate(who.certificatePem());
            } catch (GeneralSecurityException | RuntimeException e) {
                throw new Rejection("creator's certificate does not parse: " + e.getMessage());
            }
            try {
                cert.verify(root.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new Rejection("creator's certificate (" + cert.getSubjectX500Principal()
                        + ") is not issued by the CA of " + options.mspId());
            }
            byte[] serialized = SerializedIdentity.newBuilder().setMspid(who.mspId())
                    .setIdBytes(ByteString.copyFromUtf8(who.certificatePem())).build().toByteArray();
            m = new Member(new Block.Creator(who.mspId(), who.certificatePem()), serialized, cert);
            members.put(who.certificatePem(), m);
        }
        if (now.isBefore(m.cert.getNotBefore().toInstant()) || now.isAfter(m.cert.getNotAfter().toInstant())) {
            throw new Rejection("creator's certificate (" + m.cert.getSubjectX500Principal() + ") is not valid at "
                    + now);
        }
        return m;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    // ----- ordering

    private static final class Pending {
        final Tx tx;
        final Block.Creator creator;
        final long seq;
        final long enqueuedAt;
        final CompletableFuture<Receipt> done = new CompletableFuture<>();

        Pending(Tx tx, Block.Creator creator, long seq) {
            this.tx = tx;
            this.creator = creator;
            this.seq = seq;
            this.enqueuedAt = System.nanoTime();
        }
    }

    private Pending enqueue(Simulation sim, boolean flush) {
        queueLock.lock();
        try {
            while (queue.size() >= queueCapacity && !stopping) {
                queueChanged.awaitUninterruptibly();
            }
            if (stopping) {
                throw new LedgerException("ledger " + dir + " is closed");
            }
            Pending p = new Pending(sim.tx, sim.creator, enqueued++);
            queue.addLast(p);
            if (flush) {
                flushUpTo = p.seq;
            }
            queueChanged.signalAll();
            return p;
        } finally {
            queueLock.unlock();
        }
    }

    private void flush() {
        queueLock.lock();
        try {
            flushUpTo = enqueued - 1;
            queueChanged.signalAll();
        } finally {
            queueLock.unlock();
        }
    }

    private static Receipt await(Pending p) {
        try {
            return p.done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof LedgerException le) {
                throw new LedgerException(le.getMessage(), le);
            }
            throw new LedgerException("transaction " + p.tx.txIdHex() + " failed to commit", e.getCause());
        }
    }

    private void runCommitter() {
        List<Pending> batch = new ArrayList<>();
        MessageDigest md = Hashes.sha256();
        while (true) {
            queueLock.lock();
            try {
                while (true) {
                    Pending first = queue.peekFirst();
                    if (first == null) {
                        if (stopping) {
                            return;
                        }
                        queueChanged.awaitUninterruptibly();
                        continue;
                    }
                    long waited = System.nanoTime() - first.enqueuedAt;
                    long timeout = options.batchTimeout().toNanos();
                    if (stopping || queue.size() >= options.maxBlockTransactions() || first.seq <= flushUpTo
                            || waited >= timeout) {
                        break;
                    }
                    try {
                        queueChanged.awaitNanos(timeout - waited);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = Math.min(queue.size(), options.maxBlockTransactions());
                for (int i = 0; i < n; i++) {
                    batch.add(queue.pollFirst());
                }
                queueChanged.signalAll();
            } finally {
                queueLock.unlock();
            }
            try {
                commitBlock(batch, md);
            } catch (RuntimeException | Error e) {
                fail("the committer failed: " + e, e);
                for (Pending p : batch) {
                    p.done.completeExceptionally(new LedgerException("block could not be committed: " + e, e));
                }
            }
            batch.clear();
        }
    }

    private void commitBlock(List<Pending> batch, MessageDigest md) {
        if (damage != null) {
            for (Pending p : batch) {
                p.done.completeExceptionally(new LedgerException("ledger refuses new blocks: " + damage));
            }
            return;
        }
        long number = height;
        NavigableMap<String, Long> overlay = new TreeMap<>(KeyOrder.CODE_POINT);
        Map<Block.Creator, Integer> creators = new LinkedHashMap<>();
        List<Tx> txs = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            ValidationCode code = validate(p.tx, overlay);
            if (code == ValidationCode.VALID) {
                long version = Versions.of(number, i);
                for (Tx.Write w : p.tx.writes()) {
                    overlay.put(w.key(), w.delete() ? Versions.NONE : version);
                }
            }
            Integer ci = creators.computeIfAbsent(p.creator, c -> creators.size());
            txs.add(p.tx.withCode(code, ci));
        }
        Block.Encoded enc = Block.encode(number, headHash, new ArrayList<>(creators.keySet()), txs, md);
        long offset;
        try {
            offset = store.append(enc.bytes(), enc.length());
        } catch (IOException e) {
            fail("appending block " + number + " failed: " + e.getMessage(), e);
            for (Pending p : batch) {
                p.done.completeExceptionally(new LedgerException("block " + number + " could not be written: "
                        + e.getMessage(), e));
            }
            return;
        }
        state.lock.writeLock().lock();
        try {
            applyBlock(number, offset, txs, enc.txOffsets(), enc.hash());
        } finally {
            state.lock.writeLock().unlock();
        }
        synchronized (heightMonitor) {
            heightMonitor.notifyAll();
        }
        for (int i = 0; i < batch.size(); i++) {
            Tx tx = txs.get(i);
            List<LedgerEvent> events = tx.code() == ValidationCode.VALID && tx.event() != null
                    ? List.of(event(number, i, tx)) : List.of();
            batch.get(i).done.complete(new Receipt(tx.txIdHex(), number, tx.code().status, tx.message(),
                    tx.payload(), events));
        }
    }

    private void fail(String why, Throwable e) {
        LOG.log(Level.ERROR, "Ledger " + dir + " stops accepting transactions: " + why, e);
        damage = why;
    }

    /** Fabric's MVCC and phantom checks against the committed state plus the block's earlier valid writes. */
    private ValidationCode validate(Tx tx, NavigableMap<String, Long> overlay) {
        for (Tx.Read r : tx.reads()) {
            Long o = overlay.get(r.key());
            long current = o != null ? o : state.version(r.key());
            if (current != r.version()) {
                return ValidationCode.MVCC_READ_CONFLICT;
            }
        }
        for (Tx.RangeRead rr : tx.ranges()) {
            if (!sameRange(rr, overlay)) {
                return ValidationCode.PHANTOM_READ_CONFLICT;
            }
        }
        return ValidationCode.VALID;
    }

    private boolean sameRange(Tx.RangeRead rr, NavigableMap<String, Long> overlay) {
        String from = rr.start();
        String to;
        boolean toInclusive;
        if (rr.exhausted()) {
            to = rr.end();
            toInclusive = false;
        } else if (rr.results().isEmpty()) {
            return true;
        } else {
            to = rr.results().get(rr.results().size() - 1).key();
            toInclusive = true;
        }
        NavigableMap<String, Long> now = new TreeMap<>(KeyOrder.CODE_POINT);
        NavigableMap<String, WorldState.Entry> committed = to.isEmpty() ? state.map.tailMap(from, true)
                : state.map.subMap(from, true, to, toInclusive);
        for (Map.Entry<String, WorldState.Entry> e : committed.entrySet()) {
            if (e.getValue().value != null) {
                now.put(e.getKey(), e.getValue().version);
            }
        }
        NavigableMap<String, Long> pending = to.isEmpty() ? overlay.tailMap(from, true)
                : overlay.subMap(from, true, to, toInclusive);
        for (Map.Entry<String, Long> e : pending.entrySet()) {
            if (e.getValue() == Versions.NONE) {
                now.remove(e.getKey());
            } else {
                now.put(e.getKey(), e.getValue());
            }
        }
        if (now.size() != rr.results().size()) {
            return false;
        }
        int i = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            Tx.Read r = rr.results().get(i++);
            if (!r.key().equals(e.getKey()) || r.version() != e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Applies a durable block to the state and indexes; the caller holds the write lock (or is loading alone). */
    private void applyBlock(long number, long offset, List<Tx> txs, int[] txPrefixOffsets, byte[] hash) {
        blockOffsets.add(offset);
        blockFirstTx.add(txOffsets.size());
        for (int i = 0; i < txs.size(); i++) {
            txOffsets.add(offset + txPrefixOffsets[i]);
            Tx tx = txs.get(i);
            if (tx.code() == ValidationCode.VALID) {
                long version = Versions.of(number, i);
                for (Tx.Write w : tx.writes()) {
                    state.apply(w.key(), w.delete(), w.value(), version);
                }
            }
        }
        headHash = hash;
        height = number + 1;
    }

    private static LedgerEvent event(long block, int index, Tx tx) {
        return new LedgerEvent(block, index, tx.txIdHex(), tx.event().name(), tx.event().payload(), tx.timestamp());
    }

    // ----- loading

    private void load() throws IOException {
        long t0 = System.nanoTime();
        long size = store.size();
        if (size == 0) {
            writeGenesis();
            LOG.log(Level.INFO, "Ledger {0} created: channel {1}, MSP {2}", dir, options.channelId(),
                    options.mspId());
            return;
        }
        LOG.log(Level.INFO, "Ledger {0}: replaying {1} bytes of blocks", dir, size);
        MessageDigest md = Hashes.sha256();
        long txCount = 0;
        long nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (BlockStore.SequentialReader in = new BlockStore.SequentialReader(store.file(), size)) {
            while (true) {
                BlockStore.Next next = in.next();
                if (next instanceof BlockStore.End end) {
                    store.setEnd(end.offset());
                    break;
                }
                if (next instanceof BlockStore.Torn torn) {
                    Path aside = store.truncateTail(torn.offset());
                    LOG.log(Level.WARNING, "Ledger {0}: the last block record is incomplete ({1}), as a crash "
                            + "during an append leaves it; its {2} bytes were moved to {3} and cut off. Blocks up "
                            + "to {4} are intact.", dir, torn.reason(), size - torn.offset(), aside, height - 1);
                    store.setEnd(torn.offset());
                    break;
                }
                if (next instanceof BlockStore.Bad bad) {
                    damaged(height, bad.offset(), bad.reason());
                    break;
                }
                BlockStore.Record rec = (BlockStore.Record) next;
                String problem = null;
                Block block = null;
                List<Tx> txs = null;
                try {
                    block = Block.parse(rec.rec());
                    problem = checkLink(block, height, headHash);
                    if (problem == null) {
                        problem = block.checkHashes(md);
                    }
                    if (problem == null) {
                        txs = new ArrayList<>(block.txCount);
                        for (int i = 0; i < block.txCount; i++) {
                            txs.add(block.tx(i));
                        }
                        if (height == 0) {
                            checkGenesis(block, txs);
                        }
                    }
                } catch (Wire.Malformed e) {
                    problem = "does not parse: " + e.getMessage();
                }
                if (problem != null) {
                    damaged(height, rec.offset(), problem);
                    break;
                }
                int[] prefixes = new int[block.txCount];
                for (int i = 0; i < prefixes.length; i++) {
                    prefixes[i] = 8 + block.txPrefixOffset(i);
                }
                applyBlock(block.number, rec.offset(), txs, prefixes, block.storedHash);
                txCount += block.txCount;
                if (System.nanoTime() > nextLog) {
                    LOG.log(Level.INFO, "Ledger {0}: replayed {1} blocks, {2} transactions", dir, height, txCount);
                    nextLog = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                }
            }
        }
        if (height == 0 && damage == null) {
            // only a torn genesis was there: start again
            writeGenesis();
        }
        LOG.log(Level.INFO, "Ledger {0} opened: {1} blocks, {2} transactions, {3} live keys in {4} ms", dir, height,
                txCount, state.liveKeys(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void damaged(long block, long offset, String problem) {
        damage = "block " + block + " (offset " + offset + ") " + problem;
        store.setEnd(offset);
        LOG.log(Level.ERROR, "Ledger {0} is damaged: {1}. It serves the state up to block {2} and refuses new "
                + "transactions; verify() reports the same. Restore the block file from a copy.", dir, damage,
                block - 1);
    }

    /** What is wrong with the block's place in the chain, or null. */
    static String checkLink(Block block, long expected, byte[] previousHash) {
        if (block.number != expected) {
            return block.number > expected
                    ? "is missing: block " + block.number + " follows block " + (expected - 1)
                    : "is not where it belongs: block " + block.number + " found where " + expected + " belongs";
        }
        if (!Arrays.equals(block.previousHash, previousHash)) {
            return "does not link to the previous block: its previous hash is not block " + (expected - 1)
                    + "'s hash";
        }
        return null;
    }

    private void writeGenesis() throws IOException {
        Instant now = options.clock().instant();
        byte[] nonce = new byte[24];
        random.nextBytes(nonce);
        byte[] creator = SerializedIdentity.newBuilder().setMspid(options.mspId())
                .setIdBytes(ByteString.copyFromUtf8(options.rootCertificatePem())).build().toByteArray();
        List<byte[]> args = List.of(GENESIS_FUNCTION.getBytes(StandardCharsets.UTF_8),
                options.channelId().getBytes(StandardCharsets.UTF_8), options.mspId().getBytes(StandardCharsets.UTF_8));
        Tx tx = new Tx(Hashes.sha256(concat(nonce, creator)), now.getEpochSecond(), now.getNano(), 0, args,
                ValidationCode.VALID, List.of(), List.of(), List.of(), null, 200, "", new byte[0]);
        Block.Encoded enc = Block.encode(0, Block.ZERO_HASH,
                List.of(new Block.Creator(options.mspId(), options.rootCertificatePem())), List.of(tx),
                Hashes.sha256());
        long offset = store.append(enc.bytes(), enc.length());
        applyBlock(0, offset, List.of(tx), enc.txOffsets(), enc.hash());
    }

    private void checkGenesis(Block block, List<Tx> txs) {
        Tx g = txs.isEmpty() ? null : txs.get(0);
        if (g == null || !GENESIS_FUNCTION.equals(g.function()) || g.args().size() < 3) {
            throw new LedgerException("block 0 of " + dir + " is not a Lepton genesis block");
        }
        String channel = new String(g.args().get(1), StandardCharsets.UTF_8);
        String msp = new String(g.args().get(2), StandardCharsets.UTF_8);
        Block.Creator ca = block.creators().get(g.creator());
        if (!channel.equals(options.channelId()) || !msp.equals(options.mspId())) {
            throw new LedgerException("ledger in " + dir + " belongs to channel " + channel + " and MSP " + msp
                    + ", not channel " + options.channelId() + " and MSP " + options.mspId());
        }
        try {
            if (!Arrays.equals(LocalCa.parseCertificate(ca.certificatePem()).getEncoded(), root.getEncoded())) {
                throw new LedgerException("ledger in " + dir + " was created with another CA than "
                        + root.getSubjectX500Principal() + " (a CA directory was replaced?)");
            }
        } catch (GeneralSecurityException e) {
            throw new LedgerException("block 0 of " + dir + " holds no CA certificate", e);
        }
    }

    // ----- verification

    private ChainVerification scan(long limit, long expectedHeight, byte[] expectedHead, boolean damaged)
            throws IOException {
        MessageDigest md = Hashes.sha256();
        long n = 0;
        long txs = 0;
        byte[] prev = Block.ZERO_HASH;
        try (BlockStore.SequentialReader in = new BlockStore.SequentialReader(store.file(), limit)) {
            while (true) {
                BlockStore.Next next = in.next();
                if (next instanceof BlockStore.End) {
                    break;
                }
                if (next instanceof BlockStore.Torn t) {
                    return bad(n, txs, prev, "is incomplete: " + t.reason());
                }
                if (next instanceof BlockStore.Bad b) {
                    return bad(n, txs, prev, "is unreadable: " + b.reason());
                }
                BlockStore.Record rec = (BlockStore.Record) next;
                Block block;
                try {
                    block = Block.parse(rec.rec());
                } catch (Wire.Malformed e) {
                    return bad(n, txs, prev, "does not parse: " + e.getMessage());
                }
                String problem = checkLink(block, n, prev);
                if (problem == null) {
                    problem = block.checkHashes(md);
                }
                if (problem != null) {
                    return bad(n, txs, prev, problem);
                }
                prev = block.storedHash;
                txs += block.txCount;
                n++;
            }
        }
        if (damaged) {
            return bad(n, txs, prev, "is missing or unreadable (the ledger found it damaged when it opened)");
        }
        if (n != expectedHeight) {
            return bad(n, txs, prev, "is missing: the file holds " + n + " blocks, the ledger committed "
                    + expectedHeight);
        }
        if (!Arrays.equals(prev, expectedHead)) {
            return bad(n - 1, txs, prev, "differs from the block the ledger committed (the tail was rewritten)");
        }
        return new ChainVerification(true, n, txs, Hashes.hex(prev), -1, "");
    }

    private static ChainVerification bad(long block, long txs, byte[] prev, String problem) {
        return new ChainVerification(false, block, txs, Hashes.hex(prev), block, "block " + block + " " + problem);
    }

    // ----- reads for stubs and subscribers

    private Tx readTx(long version) {
        long block = Versions.block(version);
        int index = Versions.tx(version);
        long offset = txOffsets.get((int) (blockFirstTx.get((int) block) + index));
        try {
            return store.readTx(offset);
        } catch (IOException e) {
            throw new UncheckedIOException("transaction " + block + ":" + index + " could not be read", e);
        }
    }

    private Block readBlock(long number) throws IOException {
        long offset;
        state.lock.readLock().lock();
        try {
            offset = blockOffsets.get((int) number);
        } finally {
            state.lock.readLock().unlock();
        }
        return Block.parse(store.readRecord(offset));
    }

    private final class StubHost implements EmbeddedStub.Host {
        @Override
        public String channelId() {
            return options.channelId();
        }

        @Override
        public String mspId() {
            return options.mspId();
        }

        @Override
        public String chaincodeName() {
            return CHAINCODE_NAME;
        }

        @Override
        public WorldState state() {
            return state;
        }

        @Override
        public Tx readTx(long version) {
            return EmbeddedLedger.this.readTx(version);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new LedgerException("ledger " + dir + " is closed");
        }
    }

    private void checkWritable() {
        checkOpen();
        if (damage != null) {
            throw new LedgerException("ledger " + dir + " refuses new transactions: " + damage);
        }
    }

    // ----- events

    private final class EventSubscription implements Subscription {
        private final Consumer<LedgerEvent> listener;
        private final Thread thread;
        private volatile long next;
        private volatile boolean stopped;

        EventSubscription(long from, Consumer<LedgerEvent> listener, int id) {
            this.next = from;
            this.listener = listener;
            this.thread = new Thread(this::run, "ledger-events-" + id);
            this.thread.setDaemon(true);
        }

        private void run() {
            try {
                while (!stopped) {
                    synchronized (heightMonitor) {
                        while (!stopped && !closed && height <= next) {
                            heightMonitor.wait();
                        }
                    }
                    if (stopped || closed) {
                        break;
                    }
                    long h = height;
                    for (long b = next; b < h && !stopped; b++) {
                        Block block = readBlock(b);
                        for (int i = 0; i < block.txCount && !stopped; i++) {
                            Tx tx = block.tx(i);
                            if (tx.code() == ValidationCode.VALID && tx.event() != null) {
                                listener.accept(event(b, i, tx));
                            }
                        }
                        next = b + 1;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Ledger " + dir + ": event subscription " + thread.getName()
                        + " stopped at block " + next + ": " + e, e);
            } finally {
                stopped = true;
                subscriptions.remove(this);
            }
        }

        @Override
        public long nextBlock() {
            return next;
        }

        @Override
        public boolean closed() {
            return stopped;
        }

        @Override
        public void close() {
            stopped = true;
            synchronized (heightMonitor) {
                heightMonitor.notifyAll();
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
