package ai.lepton.ledger.embedded;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an {@link EmbeddedLedger} runs.
 *
 * @param channelId what {@code getChannelId()} returns; recorded in block 0 and checked on every open
 * @param mspId the one MSP whose members may transact; recorded in block 0 and checked on every open
 * @param rootCertificatePem the MSP's CA certificate (PEM): creators' certificates must be signed by it; recorded as
 *     block 0's creator and checked on every open
 * @param maxBlockTransactions a block is cut when this many transactions are waiting (1 gives a block per
 *     transaction); at most {@value Versions#MAX_TX_PER_BLOCK} - 1
 * @param batchTimeout a block is cut when its first transaction has waited this long; {@code submit} and the end
 *     of {@code submitAll} cut at once, so this only bounds waits of transactions queued by a batch still running
 * @param fsync force each block to disk ({@code fdatasync}) before its transactions are reported committed; off
 *     only for tests and throwaway data: a crash can then lose the blocks the OS had not yet written, or leave the
 *     last of them damaged (found and reported on open, never silently accepted)
 * @param clock the source of transaction timestamps
 * @param contractPackages the chaincode: every {@code @Contract} class in these packages and their sub-packages
 *     (the role of a peer's chaincode package)
 */
public record LedgerOptions(String channelId, String mspId, String rootCertificatePem, int maxBlockTransactions,
        Duration batchTimeout, boolean fsync, Clock clock, List<String> contractPackages) {

    /** Default channel name. */
    public static final String DEFAULT_CHANNEL = "lepton";
    /** Where Lepton's own contracts live. */
    public static final String DEFAULT_CONTRACT_PACKAGE = "ai.lepton.ledger.chaincode";

    public LedgerOptions {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(mspId, "mspId");
        Objects.requireNonNull(rootCertificatePem, "rootCertificatePem");
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        Objects.requireNonNull(clock, "clock");
        contractPackages = List.copyOf(contractPackages);
        if (contractPackages.isEmpty()) {
            throw new IllegalArgumentException("contractPackages must name at least one package");
        }
        if (maxBlockTransactions < 1 || maxBlockTransactions >= Versions.MAX_TX_PER_BLOCK) {
            throw new IllegalArgumentException("maxBlockTransactions must be in [1, " + Versions.MAX_TX_PER_BLOCK
                    + "): " + maxBlockTransactions);
        }
        if (batchTimeout.isNegative()) {
            throw new IllegalArgumentException("batchTimeout must not be negative");
        }
    }

    /**
     * Defaults for the members of {@code ca}: channel {@value #DEFAULT_CHANNEL}, blocks of up to 1,000 transactions,
     * a 200 ms batch timeout, fsync on, the system clock, the contracts of {@value #DEFAULT_CONTRACT_PACKAGE}.
     */
    public static LedgerOptions of(LocalCa ca) {
        return new LedgerOptions(DEFAULT_CHANNEL, ca.mspId(), ca.rootCertificatePem(), 1000, Duration.ofMillis(200),
                true, Clock.systemUTC(), List.of(DEFAULT_CONTRACT_PACKAGE));
    }

    public LedgerOptions withChannelId(String value) {
        return new LedgerOptions(value, mspId, rootCertificatePem, maxBlockTransactions, batchTimeout, fsync,
                clock, contractPackages);
    }

    public LedgerOptions withMaxBlockTransactions(int value) {
        return new LedgerOptions(channelId, mspId, rootCertificatePem, value, batchTimeout, fsync,
                clock, contractPackages);
    }

    public LedgerOptions withBatchTimeout(Duration value) {
        return new LedgerOptions(channelId, mspId, rootCertificatePem, maxBlockTransactions, value, fsync,
                clock, contractPackages);
    }

    public LedgerOptions withFsync(boolean value) {
        return new LedgerOptions(channelId, mspId, rootCertificatePem, maxBlockTransactions, batchTimeout, value,
                clock, contractPackages);
    }

    public LedgerOptions withClock(Clock value) {
        return new LedgerOptions(channelId, mspId, rootCertificatePem, maxBlockTransactions, batchTimeout, fsync,
                value, contractPackages);
    }

    public LedgerOptions withContractPackages(String... packages) {
        return new LedgerOptions(channelId, mspId, rootCertificatePem, maxBlockTransactions, batchTimeout, fsync, clock,
                List.of(packages));
    }
}
