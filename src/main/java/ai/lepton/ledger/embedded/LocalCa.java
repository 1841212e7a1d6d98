package ai.lepton.ledger.embedded;

import ai.lepton.ledger.api.LedgerException;
import ai.lepton.ledger.api.LedgerIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The installation's certificate authority, standing in for a Fabric CA: an EC P-256 key and a self-signed root,
 * which issues one client certificate per project and one for the operator. Everything is kept as PEM files in the
 * directory given to {@link #open}; opening it again returns the same CA and the same certificates.
 *
 * <p>Certificates carry Fabric CA's attribute extension (OID {@code 1.2.3.4.5.6.7.8.1}, the extension value being
 * the JSON text {@code {"attrs":{...}}}), so a contract reads them with
 * {@code ctx.getClientIdentity().getAttributeValue("lepton.project")}. As Fabric CA does, they also carry
 * {@code hf.EnrollmentID} and {@code hf.Type}, and the role as the subject's OU ({@code client}; {@code admin} for
 * the operator).
 *
 * <pre>
 * DIR/ca-cert.pem, DIR/ca-key.pem                           the root (key: PKCS#8, mode 600)
 * DIR/project-NAME-cert.pem, DIR/project-NAME-key.pem       a project's identity: lepton.project=NAME, role client
 * DIR/operator-cert.pem, DIR/operator-key.pem               the operator: lepton.role=operator, role admin
 * </pre>
 *
 * Certificates are valid for ten years; renewal is not handled here. Thread-safe.
 */
public final class LocalCa {

    /** The MSP id used when none is given. */
    public static final String DEFAULT_MSP_ID = "LeptonMSP";
    /** Fabric CA's certificate extension for attributes. */
    public static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Duration VALIDITY = Duration.ofDays(3653);
    private static final String ORGANISATION = "Lepton";

    private final Path dir;
    private final String mspId;
    private final X509Certificate root;
    private final PrivateKey rootKey;
    private final String rootPem;
    private final SecureRandom random = new SecureRandom();

    private LocalCa(Path dir, String mspId, X509Certificate root, PrivateKey rootKey, String rootPem) {
        this.dir = dir;
        this.mspId = mspId;
        this.root = root;
        this.rootKey = rootKey;
        this.rootPem = rootPem;
    }

    /** Opens the CA kept in {@code dir} with MSP id {@value #DEFAULT_MSP_ID}, creating it on first use. */
    public static LocalCa open(Path dir) {
        return open(dir, DEFAULT_MSP_ID);
    }

    /** Opens the CA kept in {@code dir}, creating its key and root certificate on first use. */
    public static LocalCa open(Path dir, String mspId) {
        if (mspId == null || mspId.isBlank()) {
            throw new IllegalArgumentException("mspId must not be blank");
        }
        try {
            Files.createDirectories(dir);
            Path certFile = dir.resolve("ca-cert.pem");
            Path keyFile = dir.resolve("ca-key.pem");
            if (!Files.exists(certFile)) {
                KeyPair kp = newKeyPair();
                X500Name name = new X500Name("O=" + ORGANISATION + ",CN=Lepton Local CA");
                Instant now = Instant.now();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(new SecureRandom()),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), name,
                        kp.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectKeyIdentifier, false,
                        ext.createSubjectKeyIdentifier(kp.getPublic()));
                X509Certificate cert = sign(b, kp.getPrivate());
                // key first: a certificate without its key would be a CA that cannot issue
                writeOnce(keyFile, pem("PRIVATE KEY", kp.getPrivate().getEncoded()), true);
                writeOnce(certFile, pem("CERTIFICATE", cert.getEncoded()), false);
            }
            String pem = Files.readString(certFile, StandardCharsets.US_ASCII);
            X509Certificate cert = parseCertificate(pem);
            PrivateKey key = parseKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
            return new LocalCa(dir, mspId, cert, key, pem);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new LedgerException("local CA in " + dir + " could not be opened: " + e.getMessage(), e);
        }
    }

    /** The MSP id its identities belong to. */
    public String mspId() {
        return mspId;
    }

    /** The root certificate, PEM: what the embedded ledger trusts as its MSP's CA. */
    public String rootCertificatePem() {
        return rootPem;
    }

    /** The root certificate. */
    public X509Certificate rootCertificate() {
        return root;
    }

    /**
     * The identity of project {@code name} (lower-case letters, digits, '.', '_', '-'; at most 63 characters):
     * subject {@code CN=name,OU=client,O=Lepton}, attributes {@code lepton.project=name}, {@code hf.Type=client},
     * {@code hf.EnrollmentID=name}. Issued on first request, the same certificate afterwards.
     */
    public synchronized LedgerIdentity project(String name) {
        checkName(name);
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("hf.EnrollmentID", name);
        attrs.put("hf.Type", "client");
        attrs.put("lepton.project", name);
        return issue("project-" + name, name, "client", attrs);
    }

    /**
     * The operator's identity: subject {@code CN=operator,OU=admin,O=Lepton}, attributes
     * {@code lepton.role=operator}, {@code hf.Type=admin}, {@code hf.EnrollmentID=operator}.
     */
    public synchronized LedgerIdentity operator() {
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("hf.EnrollmentID", "operator");
        attrs.put("hf.Type", "admin");
        attrs.put("lepton.role", "operator");
        return issue("operator", "operator", "admin", attrs);
    }

    /** The private key file of an identity issued by {@link #project} or {@link #operator} (for a signer). */
    public Path privateKeyFile(String projectNameOrOperator) {
        if ("operator".equals(projectNameOrOperator)) {
            return dir.resolve("operator-key.pem");
        }
        checkName(projectNameOrOperator);
        return dir.resolve("project-" + projectNameOrOperator + "-key.pem");
    }

    private LedgerIdentity issue(String file, String commonName, String role, Map<String, String> attrs) {
        Path certFile = dir.resolve(file + "-cert.pem");
        try {
            if (!Files.exists(certFile)) {
                KeyPair kp = newKeyPair();
                X500Name subject = new X500Name("O=" + ORGANISATION + ",OU=" + role + ",CN=" + commonName);
                X500Name issuer = X500Name.getInstance(root.getSubjectX500Principal().getEncoded());
                Instant now = Instant.now();
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial(random),
                        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject,
                        kp.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
                // Fabric CA stores the JSON text itself as the extension value's octets
                b.addExtension(new ASN1ObjectIdentifier(ATTRIBUTE_OID), false,
                        attributesJson(attrs).getBytes(StandardCharsets.UTF_8));
                X509Certificate cert = sign(b, rootKey);
                writeOnce(dir.resolve(file + "-key.pem"), pem("PRIVATE KEY", kp.getPrivate().getEncoded()), true);
                writeOnce(certFile, pem("CERTIFICATE", cert.getEncoded()), false);
            }
            return new LedgerIdentity(mspId, Files.readString(certFile, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new LedgerException("local CA could not issue " + file + ": " + e.getMessage(), e);
        }
    }

    static String attributesJson(Map<String, String> attrs) {
        StringBuilder sb = new StringBuilder("{\"attrs\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : attrs.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
        }
        return sb.append("}}").toString();
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("project name must match " + NAME.pattern() + ": " + name);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException, IOException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        byte[] der = b.build(signer).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static X509Certificate parseCertificate(String pem) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static PrivateKey parseKey(String pem) throws GeneralSecurityException {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes a file atomically (temp file, then rename), so a crash never leaves half a key or certificate. */
    private static void writeOnce(Path file, String content, boolean secret) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (secret) {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the directory's ACL applies
                }
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
