package ai.lepton.ledger.service;

import ai.lepton.ledger.api.Evaluation;
import ai.lepton.ledger.api.Ledger;
import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import ai.lepton.ledger.config.LedgerConfig;
import ai.lepton.ledger.embedded.EmbeddedLedger;
import ai.lepton.ledger.embedded.LedgerOptions;
import ai.lepton.ledger.embedded.LocalCa;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Owns the one {@link Ledger} of this process and the identities the platform submits as.
 *
 * <p>{@code lepton.ledger.mode=embedded}: the installation's {@link LocalCa} (one certificate for the operator, one
 * per project, issued on first use) and an {@link EmbeddedLedger} under {@code <data-dir>/ledger}. Opening replays
 * the chain, so it runs on a background thread from start-up instead of delaying the HTTP port; callers wait for it.
 * On a new chain the chaincode's governance is configured at once (the local CA's MSP is the operator's).
 */
@ApplicationScoped
public class LedgerHost {

    /** How long a caller waits for the ledger to finish opening before getting "unavailable". */
    private static final Duration OPEN_WAIT = Duration.ofSeconds(60);

    private final LedgerConfig config;
    private volatile CompletableFuture<Opened> opening;

    /** What opening produced. */
    private record Opened(Ledger ledger, LocalCa ca) {
    }

    public LedgerHost(LedgerConfig config) {
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        String mode = mode();
        if (!mode.equals("embedded") && !mode.equals("fabric")) {
            throw new IllegalStateException("lepton.ledger.mode must be embedded or fabric, not '" + config.mode()
                    + "' (LEPTON_LEDGER_MODE)");
        }
        if (mode.equals("fabric")) {
            throw new IllegalStateException("lepton.ledger.mode=fabric: the Fabric Gateway bridge is not in this build"
                    + " yet; use lepton.ledger.mode=embedded");
        }
        open();
    }

    void stop(@Observes ShutdownEvent event) {
        CompletableFuture<Opened> f = opening;
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
        return opened().ca().operator();
    }

    /** The identity a project acts as (its certificate carries {@code lepton.project=<name>}). */
    public LedgerIdentity project(String name) {
        return opened().ca().project(name);
    }

    /** The operator organisation's MSP id. */
    public String mspId() {
        return opened().ca().mspId();
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
        if (f == null || !f.isDone()) {
            return new State("opening", true, "replaying the chain");
        }
        try {
            Ledger l = f.join().ledger();
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
                .withBatchTimeout(config.embedded().batchTimeout()).withFsync(config.embedded().fsync());
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
        return new Opened(ledger, ca);
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
