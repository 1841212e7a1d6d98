package ai.lepton.ledger.fabric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;

/**
 * Everything {@link FabricLedger} needs to reach one Fabric peer's gateway service: the settings under
 * {@code lepton.ledger.fabric}. Components may be null (or empty) when the setting is absent: {@link #validate()} then
 * names the missing key, which is the point of building the record before checking it.
 *
 * @param peerEndpoint {@value #PEER_ENDPOINT}: the peer's gateway, {@code host:port}
 * @param tlsCaCertificate {@value #TLS_CA_CERT}: the CA certificate (PEM) that issued the peer's TLS certificate;
 *     empty means plaintext, which is allowed (a local network) but logged as a warning
 * @param overrideAuthority {@value #OVERRIDE_AUTHORITY}: the host name to expect in the peer's TLS certificate when
 *     it is not the endpoint's host, e.g. {@code peer0.org1.lepton.local}
 * @param channel {@value #CHANNEL}: the channel name
 * @param chaincode {@value #CHAINCODE}: the chaincode name the contracts are deployed under
 * @param identities {@code lepton.ledger.fabric.identities.<name>.*}: the client identities; one named
 *     {@value #OPERATOR} is required
 * @param checkpointDirectory {@value #CHECKPOINT_DIR}: where named event subscriptions keep their checkpoints;
 *     created when missing
 * @param deadlines per-call deadlines; null means {@link Deadlines#DEFAULTS}
 * @param retry retries of calls that failed because the peer was unreachable or late; null means
 *     {@link Retry#DEFAULTS}
 */
public record FabricSettings(String peerEndpoint, Optional<Path> tlsCaCertificate, Optional<String> overrideAuthority,
        String channel, String chaincode, List<FabricIdentity> identities, Path checkpointDirectory,
        Deadlines deadlines, Retry retry) {

    /** Prefix of every key. */
    public static final String PREFIX = "lepton.ledger.fabric.";
    /** Key of {@link #peerEndpoint()}. */
    public static final String PEER_ENDPOINT = "lepton.ledger.fabric.peer-endpoint";
    /** Key of {@link #tlsCaCertificate()}. */
    public static final String TLS_CA_CERT = "lepton.ledger.fabric.tls-ca-cert";
    /** Key of {@link #overrideAuthority()}. */
    public static final String OVERRIDE_AUTHORITY = "lepton.ledger.fabric.override-authority";
    /** Key of {@link #channel()}. */
    public static final String CHANNEL = "lepton.ledger.fabric.channel";
    /** Key of {@link #chaincode()}. */
    public static final String CHAINCODE = "lepton.ledger.fabric.chaincode";
    /** Key of {@link #checkpointDirectory()}. */
    public static final String CHECKPOINT_DIR = "lepton.ledger.fabric.checkpoint-dir";
    /** Prefix of the identity keys: {@code lepton.ledger.fabric.identities.<name>.msp-id|cert|key}. */
    public static final String IDENTITIES = "lepton.ledger.fabric.identities";
    /** Key of {@link Deadlines#evaluate()}. */
    public static final String DEADLINE_EVALUATE = "lepton.ledger.fabric.deadlines.evaluate";
    /** Key of {@link Deadlines#endorse()}. */
    public static final String DEADLINE_ENDORSE = "lepton.ledger.fabric.deadlines.endorse";
    /** Key of {@link Deadlines#submit()}. */
    public static final String DEADLINE_SUBMIT = "lepton.ledger.fabric.deadlines.submit";
    /** Key of {@link Deadlines#commitStatus()}. */
    public static final String DEADLINE_COMMIT_STATUS = "lepton.ledger.fabric.deadlines.commit-status";
    /** Key of {@link Retry#attempts()}. */
    public static final String RETRY_ATTEMPTS = "lepton.ledger.fabric.retry.attempts";
    /** Key of {@link Retry#initialBackoff()}. */
    public static final String RETRY_INITIAL_BACKOFF = "lepton.ledger.fabric.retry.initial-backoff";
    /** The identity that must be configured: the platform operator's. */
    public static final String OPERATOR = "operator";

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^\\s:/\\[\\]]+):(\\d{1,5})");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public FabricSettings {
        tlsCaCertificate = tlsCaCertificate == null ? Optional.empty() : tlsCaCertificate;
        overrideAuthority = overrideAuthority == null ? Optional.empty() : overrideAuthority;
        identities = identities == null ? List.of() : List.copyOf(identities);
        deadlines = deadlines == null ? Deadlines.DEFAULTS : deadlines;
        retry = retry == null ? Retry.DEFAULTS : retry;
    }

    /**
     * Per-call gRPC deadlines. Endorsement runs the chaincode on every endorsing peer, hence the longest call but one;
     * commit status waits for the block, hence the longest.
     *
     * @param evaluate {@value #DEADLINE_EVALUATE}: a query (default 5 s)
     * @param endorse {@value #DEADLINE_ENDORSE}: collecting endorsements (default 15 s)
     * @param submit {@value #DEADLINE_SUBMIT}: handing the endorsed transaction to the orderers (default 5 s)
     * @param commitStatus {@value #DEADLINE_COMMIT_STATUS}: waiting for the transaction's block (default 60 s)
     */
    public record Deadlines(Duration evaluate, Duration endorse, Duration submit, Duration commitStatus) {

        /** 5 s, 15 s, 5 s, 60 s. */
        public static final Deadlines DEFAULTS = new Deadlines(Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    /**
     * Retries of calls that failed with gRPC {@code UNAVAILABLE} or {@code DEADLINE_EXCEEDED}, only where retrying is
     * safe (see {@link FabricLedger}). The wait doubles after each failure, up to 30 s.
     *
     * @param attempts {@value #RETRY_ATTEMPTS}: tries in all, the first included (default 3)
     * @param initialBackoff {@value #RETRY_INITIAL_BACKOFF}: the wait after the first failure (default 500 ms)
     */
    public record Retry(int attempts, Duration initialBackoff) {

        /** 3 attempts, 500 ms initial backoff. */
        public static final Retry DEFAULTS = new Retry(3, Duration.ofMillis(500));

        private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

        /** The wait after the {@code failures}-th consecutive failure (1-based). */
        Duration backoff(int failures) {
            Duration d = initialBackoff;
            for (int i = 1; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
                d = d.multipliedBy(2);
            }
            return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
        }
    }

    /** The key of one identity setting, e.g. {@code lepton.ledger.fabric.identities.operator.cert}. */
    public static String identityKey(String name, String field) {
        return IDENTITIES + "." + name + "." + field;
    }

    /**
     * Checks every setting: present, well-formed, and each file readable and parsable (PEM certificates and keys, each
     * key matching its certificate, certificates currently valid), and the checkpoint directory writable.
     *
     * @return this, for chaining
     * @throws FabricConfigException naming every key that is missing or wrong, and the file when it is a file
     */
    public FabricSettings validate() {
        load();
        return this;
    }

    /** What {@link #validate()} read: the TLS CA certificate and the identities' certificates and keys. */
    record Loaded(FabricSettings settings, Optional<X509Certificate> tlsCa, List<Credentials> identities) {
    }

    /** One identity, read and checked. */
    record Credentials(String name, String mspId, X509Certificate certificate, PrivateKey privateKey) {
    }

    Loaded load() {
        List<String> problems = new ArrayList<>();
        if (blank(peerEndpoint)) {
            problems.add(PEER_ENDPOINT + ": missing (the peer's gateway endpoint, host:port)");
        } else {
            Matcher m = HOST_PORT.matcher(peerEndpoint.trim());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : -1;
            if (port < 1 || port > 65535) {
                problems.add(PEER_ENDPOINT + ": '" + peerEndpoint + "' is not host:port");
            }
        }
        Optional<X509Certificate> tlsCa = Optional.empty();
        if (tlsCaCertificate.isPresent()) {
            tlsCa = Optional.ofNullable(readCertificate(TLS_CA_CERT, tlsCaCertificate.get(), problems, false));
        }
        if (overrideAuthority.isPresent()) {
            if (blank(overrideAuthority.get())) {
                problems.add(OVERRIDE_AUTHORITY + ": empty (leave it out, or give the host name in the peer's TLS "
                        + "certificate)");
            } else if (tlsCaCertificate.isEmpty()) {
                problems.add(OVERRIDE_AUTHORITY + ": set, but " + TLS_CA_CERT
                        + " is not: the host name override applies to TLS only");
            }
        }
        if (blank(channel)) {
            problems.add(CHANNEL + ": missing (the Fabric channel name)");
        }
        if (blank(chaincode)) {
            problems.add(CHAINCODE + ": missing (the name the chaincode is deployed under)");
        }
        List<Credentials> credentials = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (FabricIdentity id : identities) {
            if (id.name() == null || !NAME.matcher(id.name()).matches()) {
                problems.add(IDENTITIES + ": identity name '" + id.name() + "' must match " + NAME.pattern());
                continue;
            }
            if (!names.add(id.name())) {
                problems.add(IDENTITIES + "." + id.name() + ": configured twice");
                continue;
            }
            Credentials c = readIdentity(id, problems);
            if (c != null) {
                credentials.add(c);
            }
        }
        if (!names.contains(OPERATOR)) {
            problems.add(identityKey(OPERATOR, "msp-id") + ", " + identityKey(OPERATOR, "cert") + ", "
                    + identityKey(OPERATOR, "key") + ": missing (the operator's identity is required)");
        }
        if (checkpointDirectory == null) {
            problems.add(CHECKPOINT_DIR + ": missing (a directory for event checkpoints)");
        } else {
            checkWritableDirectory(problems);
        }
        checkPositive(DEADLINE_EVALUATE, deadlines.evaluate(), problems);
        checkPositive(DEADLINE_ENDORSE, deadlines.endorse(), problems);
        checkPositive(DEADLINE_SUBMIT, deadlines.submit(), problems);
        checkPositive(DEADLINE_COMMIT_STATUS, deadlines.commitStatus(), problems);
        if (retry.attempts() < 1) {
            problems.add(RETRY_ATTEMPTS + ": " + retry.attempts() + " (at least 1: the first try counts)");
        }
        if (retry.initialBackoff() == null || retry.initialBackoff().isNegative()) {
            problems.add(RETRY_INITIAL_BACKOFF + ": " + retry.initialBackoff() + " (zero or more)");
        }
        if (!problems.isEmpty()) {
            throw new FabricConfigException(problems);
        }
        return new Loaded(this, tlsCa, List.copyOf(credentials));
    }

    private Credentials readIdentity(FabricIdentity id, List<String> problems) {
        String mspKey = identityKey(id.name(), "msp-id");
        String certKey = identityKey(id.name(), "cert");
        String keyKey = identityKey(id.name(), "key");
        int before = problems.size();
        if (blank(id.mspId())) {
            problems.add(mspKey + ": missing (the identity's MSP id, e.g. Org1MSP)");
        }
        X509Certificate cert = null;
        if (id.certificatePath() == null) {
            problems.add(certKey + ": missing (the identity's X.509 certificate, PEM)");
        } else {
            cert = readCertificate(certKey, id.certificatePath(), problems, true);
        }
        PrivateKey key = null;
        if (id.privateKeyPath() == null) {
            problems.add(keyKey + ": missing (the identity's private key, PEM)");
        } else {
            key = readPrivateKey(keyKey, id.privateKeyPath(), problems);
        }
        if (cert != null && key != null && !keyMatches(key, cert.getPublicKey())) {
            problems.add(keyKey + ": the private key in " + id.privateKeyPath() + " does not belong to the certificate "
                    + "in " + id.certificatePath() + " (" + certKey + ", " + cert.getSubjectX500Principal() + ")");
        }
        return problems.size() == before ? new Credentials(id.name(), id.mspId().trim(), cert, key) : null;
    }

    private static X509Certificate readCertificate(String key, Path file, List<String> problems, boolean mustBeValid) {
        String pem = readFile(key, file, problems);
        if (pem == null) {
            return null;
        }
        X509Certificate cert;
        try {
            cert = Identities.readX509Certificate(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            problems.add(key + ": " + file + " is not a PEM X.509 certificate (" + e.getMessage() + ")");
            return null;
        }
        if (cert == null) {
            problems.add(key + ": " + file + " holds no PEM X.509 certificate");
            return null;
        }
        if (mustBeValid) {
            try {
                cert.checkValidity();
            } catch (CertificateExpiredException e) {
                problems.add(key + ": the certificate in " + file + " (" + cert.getSubjectX500Principal()
                        + ") expired on " + cert.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                problems.add(key + ": the certificate in " + file + " (" + cert.getSubjectX500Principal()
                        + ") is not valid before " + cert.getNotBefore().toInstant());
            }
        }
        return cert;
    }

    private static PrivateKey readPrivateKey(String key, Path file, List<String> problems) {
        String pem = readFile(key, file, problems);
        if (pem == null) {
            return null;
        }
        PrivateKey k;
        try {
            k = Identities.readPrivateKey(pem);
        } catch (GeneralSecurityException | RuntimeException e) {
            problems.add(key + ": " + file + " is not a PEM private key (" + e.getMessage() + ")");
            return null;
        }
        if (k == null) {
            problems.add(key + ": " + file + " holds no PEM private key");
            return null;
        }
        try {
            Signers.newPrivateKeySigner(k);
        } catch (RuntimeException e) {
            problems.add(key + ": the " + k.getAlgorithm() + " key in " + file + " cannot sign Fabric transactions ("
                    + e.getMessage() + ")");
            return null;
        }
        return k;
    }

    private static String readFile(String key, Path file, List<String> problems) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            problems.add(key + ": cannot read " + file + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null || e.getMessage().equals(file.toString()) ? "" : ": " + e.getMessage())
                    + ")");
            return null;
        }
    }

    /** Signs a random probe with the key and verifies it with the certificate's public key. */
    static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private void checkWritableDirectory(List<String> problems) {
        try {
            Files.createDirectories(checkpointDirectory);
            Path probe = Files.createTempFile(checkpointDirectory, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            problems.add(CHECKPOINT_DIR + ": " + checkpointDirectory + " is not a writable directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static void checkPositive(String key, Duration d, List<String> problems) {
        if (d == null || d.isZero() || d.isNegative()) {
            problems.add(key + ": " + d + " (a positive duration)");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
