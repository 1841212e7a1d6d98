package ai.lepton.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the platform module, under {@code lepton.platform}. */
@ConfigMapping(prefix = "lepton.platform")
public interface PlatformConfig {

    /** Where the embedded default keeps its H2 database, blobs and temporary files ({@code LEPTON_DATA_DIR}). */
    @WithDefault("./data")
    String dataDir();

    /**
     * The installation admin key to create on first start when no key exists yet ({@code LEPTON_ADMIN_KEY}). When
     * absent a random key is generated and logged once.
     */
    Optional<String> adminKey();

    /** API paging. */
    Paging paging();

    /** Authentication and rate limiting. */
    Security security();

    /** The transactional outbox relay. */
    OutboxSettings outbox();

    /** The event bus. */
    Events events();

    interface Events {
        /** {@code in-process} (embedded default) or {@code amqp} (prod: an AMQP 1.0 broker). */
        @WithDefault("in-process")
        String transport();
    }

    interface Paging {
        /** The largest page any list endpoint serves. */
        @WithDefault("1000")
        int maxLimit();
    }

    interface Security {
        /** How long a validated key stays cached in memory before it is checked against the database again. */
        @WithDefault("30s")
        Duration keyCacheTtl();

        /** Sustained requests per second allowed per API key. */
        @WithDefault("200")
        double rateLimitPerSecond();

        /** Burst size per API key (token bucket capacity). */
        @WithDefault("400")
        int rateLimitBurst();
    }

    interface OutboxSettings {
        /**
         * Whether this process relays outbox events. Turning it off keeps events in the outbox (they are relayed by
         * the next process that has it on); used to test crash recovery.
         */
        @WithDefault("true")
        boolean enabled();

        /** How often the relay looks for unpublished events when nothing woke it up. */
        @WithDefault("2s")
        Duration pollInterval();

        /** Events relayed per round. */
        @WithDefault("200")
        int batchSize();

        /** How long the relay waits for the bus to acknowledge one event before retrying later. */
        @WithDefault("10s")
        Duration sendTimeout();
    }
}
