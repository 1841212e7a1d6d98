package ai.lepton.ledger.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Settings of the ledger module, under {@code lepton.ledger}. */
@ConfigMapping(prefix = "lepton.ledger")
public interface LedgerConfig {

    /** Which ledger runs the chaincode: {@code embedded} (in process, the default) or {@code fabric} (a peer). */
    @WithDefault("embedded")
    String mode();

    /** The embedded ledger. */
    Embedded embedded();

    /** Anchoring of dataset, model and placement digests. */
    Anchoring anchoring();

    /** The Fabric Gateway connection, used when {@code mode=fabric}. */
    Fabric fabric();

    /** The embedded ledger's settings. */
    interface Embedded {
        /** Where the block file ({@code chain/}) and the local CA ({@code ca/}) live. */
        @WithDefault("${lepton.platform.data-dir}/ledger")
        String dir();

        /** Force each block to disk before acknowledging it; switch off only for throwaway data. */
        @WithDefault("true")
        boolean fsync();

        /** Most transactions per block. */
        @WithDefault("1000")
        int maxBlockTransactions();

        /** How long a queued transaction may wait for its block to fill. */
        @WithDefault("50ms")
        Duration batchTimeout();

        /** The MSP id of the installation's local CA. */
        @WithDefault("LeptonMSP")
        String mspId();

        /**
         * How long after start-up the ledger opens (replays and verifies its chain) in the background when nothing
         * needs it sooner; the first call that needs the ledger opens it at once. Keeps the replay's CPU out of the
         * start-up and the first requests. {@code 0s} opens it during start-up.
         */
        @WithDefault("5s")
        Duration openDelay();
    }

    /** Anchoring settings. */
    interface Anchoring {
        /** Whether events are anchored at all. */
        @WithDefault("true")
        boolean enabled();

        /** Most digests in one Merkle batch (one {@code anchorBatch} transaction). */
        @WithDefault("512")
        int batchSize();

        /** How often pending digests are sealed into a batch and anchored (a full batch goes at once). */
        @WithDefault("2s")
        Duration interval();
    }

    /** Fabric Gateway settings; each names a file or value the platform cannot start without in fabric mode. */
    interface Fabric {
        /** The peer's gateway endpoint, {@code host:port}. */
        Optional<String> peerEndpoint();

        /** The CA certificate (PEM) that signed the peer's TLS certificate; absent means plaintext (tests only). */
        Optional<String> tlsCaCert();

        /** The host name to expect in the peer's TLS certificate, when it differs from the endpoint's host. */
        Optional<String> overrideAuthority();

        /** The channel the chaincode runs on. */
        @WithDefault("lepton")
        String channel();

        /** The chaincode name on that channel. */
        @WithDefault("lepton")
        String chaincode();

        /** Where the chaincode event listener keeps its checkpoint. */
        @WithDefault("${lepton.platform.data-dir}/ledger/fabric")
        String checkpointDir();

        /**
         * Signing identities by name: {@code operator} (required: the platform's own identity, enrolled with
         * {@code lepton.role=operator}) and optionally one per project (enrolled with {@code lepton.project=<name>});
         * a project without its own identity acts through the operator.
         */
        Map<String, Identity> identities();

        /** Per-call deadlines. */
        Deadlines deadlines();

        /** Retries of calls that failed because the peer was unreachable or late. */
        Retry retry();
    }

    /** gRPC deadlines of the Fabric Gateway calls. */
    interface Deadlines {
        /** A query. */
        @WithDefault("5s")
        Duration evaluate();

        /** Collecting endorsements. */
        @WithDefault("15s")
        Duration endorse();

        /** Handing the endorsed transaction to the orderers. */
        @WithDefault("5s")
        Duration submit();

        /** Waiting for the transaction's block. */
        @WithDefault("60s")
        Duration commitStatus();
    }

    /** Retry policy of the Fabric Gateway calls that are safe to retry. */
    interface Retry {
        /** Tries in all, the first included. */
        @WithDefault("3")
        int attempts();

        /** The wait after the first failure; it doubles after each further one, up to 30 s. */
        @WithDefault("500ms")
        Duration initialBackoff();
    }

    /** One enrolled Fabric identity. */
    interface Identity {
        /** Its organisation's MSP id. */
        Optional<String> mspId();

        /** Its X.509 certificate, a PEM file. */
        Optional<String> cert();

        /** Its private key, a PEM file. */
        Optional<String> key();
    }
}
