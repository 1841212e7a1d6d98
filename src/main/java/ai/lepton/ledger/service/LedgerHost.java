package ai.lepton.ledger.service;

import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Ledger;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.config.LedgerConfig;
import ai.lepton.ledger.embedded.EmbeddedLedger;
import ai.lepton.ledger.embedded.LedgerOptions;
import ai.lepton.ledger.embedded.LocalCa;
import ai.lepton.ledger.fabric.FabricIdentity;
import ai.lepton.ledger.fabric.FabricLedger;
import ai.lepton.ledger.fabric.FabricSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Owns the one {@link Ledger} of this process and the identities the platform submits as.
 *
 * <p>{@code lepton.ledger.mode=embedded}: the installation's {@link LocalCa} (one certificate for the operator, one
 * per project, issued on first use) and an {@link EmbeddedLedger} under {@code <data-dir>/ledger}. Opening replays
 * the chain, so it runs on a background thread from start-up instead of delaying the HTTP port; callers wait for it.
 * On a new chain the chaincode's governance is configured at once (the local CA's MSP is the operator's).
 *
 * <p>{@code lepton.ledger.mode=fabric}: a {@link FabricLedger} on the configured peer, validated at start-up (a missing
 * or unreadable setting stops it, naming the key); the network's own deployment configures governance.
 */
@ApplicationScoped
public class LedgerHost {

    /** How long a caller waits for the ledger to finish opening before getting "unavailable". */
    private static final Duration OPEN_WAIT = Duration.ofSeconds(60);

    private final LedgerConfig config;
    private final LedgerClock clock;
    private volatile CompletableFuture<Opened> opening;
    private boolean stopped;
    private volatile State fabricProbe;
    private volatile long fabricProbeAt;

    /** What opening produced: the ledger and who the platform acts as on it. */
    private record Opened(Ledger ledger, LedgerIdentity operator, Function<String, LedgerIdentity> projects,
            String mspId) {
    }

    public LedgerHost(LedgerConfig config, LedgerClock clock) {
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent event) {
        String mode = mode();
        if (!mode.equals("embedded") && !mode.equals("fabric")) {
            throw new IllegalStateException("lepton.ledger.mode must be embedded or fabric, not '" + config.mode()
                    + "' (LEPTON_LEDGER_MODE)");
        }
        if (mode.equals("fabric")) {
            // settings and files are checked now, so a bad configuration stops start-up with every problem named;
            // the peer itself is contacted by the first call (an unreachable peer is "unavailable", and retried)
            FabricLedger fabric = FabricLedger.connect(fabricSettings().validate());
            opening = CompletableFuture.completedFuture(fabricOpened(fabric));
            Log.infof("ledger: Fabric peer %s, channel %s, chaincode %s, identities %s",
                    fabric.settings().peerEndpoint(), fabric.settings().channel(), fabric.settings().chaincode(),
                    fabric.identityNames());
            return;
        }
        long delay = config.embedded().openDelay().toMillis();
        if (delay <= 0) {
            open();
            return;
        }
        // the chain's replay costs a few seconds of CPU; start-up and the first requests need that CPU more, and a
        // caller that needs the ledger sooner opens it itself (open() is idempotent)
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(delay);
                openUnlessStopped();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ledger-open-later");
        later.setDaemon(true);
        later.start();
    }

    void stop(@Observes ShutdownEvent event) {
        CompletableFuture<Opened> f;
        synchronized (this) {
            stopped = true;
            f = opening;
        }
        if (f == null) {
            return;
        }
        try {
            f.get(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS).ledger().close();
            Log.info("ledger closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Log.warnf("ledger did not close cleanly: %s", e.getMessage());
        }
    }

    /** {@code embedded} or {@code fabric}. */
    public String mode() {
        return config.mode().trim().toLowerCase(Locale.ROOT);
    }

    /** The ledger, waiting for it to open. */
    public Ledger ledger() {
        return opened().ledger();
    }

    /** The platform operator's identity: it anchors, reports usage and may act for any project. */
    public LedgerIdentity operator() {
        return opened().operator();
    }

    /** The identity a project acts as (its certificate carries {@code lepton.project=<name>}). */
    public LedgerIdentity project(String name) {
        return opened().projects().apply(name);
    }

    /** The operator organisation's MSP id. */
    public String mspId() {
        return opened().mspId();
    }

    /**
     * Where the ledger stands, for readiness.
     *
     * @param name {@code opening}, {@code open} or {@code failed}
     * @param up whether the platform may take traffic (it may while the ledger opens: callers wait)
     * @param detail height and head, or why it failed
     */
    public record State(String name, boolean up, String detail) {
    }

    /** Where the ledger stands now. */
    public State state() {
        CompletableFuture<Opened> f = opening;
        if (f == null) {
            return new State("opening", true, "opens in the background shortly after start-up, or at its first use");
        }
        if (!f.isDone()) {
            return new State("opening", true, "replaying the chain");
        }
        try {
            Ledger l = f.join().ledger();
            if (l instanceof FabricLedger fabric) {
                return fabricState(fabric);
            }
            return new State("open", true, l.height() + " blocks");
        } catch (RuntimeException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            return new State("failed", false, String.valueOf(c.getMessage()));
        }
    }

    /** Whether the ledger has finished opening (readiness). */
    public boolean ready() {
        CompletableFuture<Opened> f = opening;
        return f != null && f.isDone() && !f.isCompletedExceptionally();
    }

    private Opened opened() {
        CompletableFuture<Opened> f = open();
        try {
            return f.get(OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerException("interrupted while the ledger was opening", e);
        } catch (TimeoutException e) {
            throw new LedgerException("the ledger is still opening after " + OPEN_WAIT.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof LedgerException le ? le
                    : new LedgerException("the ledger could not be opened: " + cause.getMessage(), cause);
        }
    }

    /** The delayed background open: does nothing once shutdown began (a caller's open still fails normally). */
    private synchronized void openUnlessStopped() {
        if (!stopped) {
            open();
        }
    }

    private synchronized CompletableFuture<Opened> open() {
        if (opening == null) {
            opening = CompletableFuture.supplyAsync(this::openEmbedded, runnable -> {
                Thread t = new Thread(runnable, "ledger-open");
                t.setDaemon(true);
                t.start();
            });
            opening.whenComplete((o, e) -> {
                if (e != null) {
                    Log.errorf("ledger could not be opened: %s", e.getMessage());
                }
            });
        }
        return opening;
    }

    private Opened openEmbedded() {
        long t0 = System.nanoTime();
        Path dir = Path.of(config.embedded().dir());
        LocalCa ca = LocalCa.open(dir.resolve("ca"), config.embedded().mspId());
        LedgerOptions options = LedgerOptions.of(ca).withMaxBlockTransactions(config.embedded().maxBlockTransactions())
                .withBatchTimeout(config.embedded().batchTimeout()).withFsync(config.embedded().fsync())
                .withClock(clock.clock());
        EmbeddedLedger ledger = EmbeddedLedger.open(dir.resolve("chain"), options);
        try {
            configureGovernance(ledger, ca);
        } catch (RuntimeException e) {
            ledger.close();
            throw e;
        }
        Log.infof("embedded ledger open in %d ms: %s, %d blocks, MSP %s, head %s",
                (System.nanoTime() - t0) / 1_000_000, dir.resolve("chain"), ledger.height(), ca.mspId(),
                ledger.headHash());
        return new Opened(ledger, ca.operator(), ca::project, ca.mspId());
    }

    /**
     * On Fabric the platform signs as the configured identities: {@code operator}, and a project as the identity
     * configured under its name when there is one (enrolled with {@code lepton.project=<name>}), otherwise through
     * the operator, whom the contracts let act for any project.
     */
    private static Opened fabricOpened(FabricLedger fabric) {
        LedgerIdentity operator = fabric.identity(FabricSettings.OPERATOR);
        Set<String> names = fabric.identityNames();
        return new Opened(fabric, operator, name -> names.contains(name) ? fabric.identity(name) : operator,
                operator.mspId());
    }

    /** The {@code lepton.ledger.fabric} settings as {@link FabricSettings} (validated by the caller). */
    FabricSettings fabricSettings() {
        LedgerConfig.Fabric f = config.fabric();
        List<FabricIdentity> identities = new ArrayList<>();
        f.identities().forEach((name, id) -> identities.add(new FabricIdentity(name, id.mspId().orElse(null),
                id.cert().map(Path::of).orElse(null), id.key().map(Path::of).orElse(null))));
        return new FabricSettings(f.peerEndpoint().orElse(null), f.tlsCaCert().map(Path::of), f.overrideAuthority(),
                f.channel(), f.chaincode(), identities, Path.of(f.checkpointDir()),
                new FabricSettings.Deadlines(f.deadlines().evaluate(), f.deadlines().endorse(), f.deadlines().submit(),
                        f.deadlines().commitStatus()),
                new FabricSettings.Retry(f.retry().attempts(), f.retry().initialBackoff()));
    }

    /** Readiness on Fabric asks the peer for the chain height, at most every 10 s. */
    private State fabricState(FabricLedger fabric) {
        long now = System.nanoTime();
        State last = fabricProbe;
        if (last != null && now - fabricProbeAt < 10_000_000_000L) {
            return last;
        }
        State s;
        try {
            s = new State("open", true, "peer " + fabric.settings().peerEndpoint() + ", " + fabric.height()
                    + " blocks");
        } catch (LedgerException e) {
            s = new State("unavailable", false, e.getMessage());
        }
        fabricProbe = s;
        fabricProbeAt = now;
        return s;
    }

    /** A new chain trusts the local CA's MSP for the operator and project attributes. */
    private static void configureGovernance(Ledger ledger, LocalCa ca) {
        Evaluation current = ledger.evaluate(ca.operator(), "Governance:config");
        if (current.ok()) {
            return;
        }
        if (!current.message().startsWith("NOT_CONFIGURED")) {
            throw new LedgerException("reading the chaincode's governance failed: " + current.message());
        }
        ledger.submit(ca.operator(), "Governance:configure", "[\"" + ca.mspId() + "\"]").orThrow();
        Log.infof("ledger governance configured: operator MSP %s", ca.mspId());
    }
}
