package ai.lepton.ledger.chaincode;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A real X.509 identity as a Fabric MSP issues it: an ECDSA P-256 certificate signed by the organisation's CA, with
 * Fabric CA's attribute extension (OID {@value #ATTRS_OID}, its value the raw JSON {@code {"attrs":{...}}}) when it
 * has attributes. {@link #creator()} is what a peer hands the chaincode as the transaction's creator: a serialized
 * {@code SerializedIdentity} protobuf with the MSP id and the PEM certificate.
 */
final class TestIdentity {

    /** The extension Fabric CA writes enrolment attributes into and {@code ClientIdentity} reads them from. */
    static final String ATTRS_OID = "1.2.3.4.5.6.7.8.1";

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    private final String msp;
    private final String name;
    private final X509Certificate certificate;
    private final String pem;

    private TestIdentity(String msp, String name, X509Certificate certificate) {
        this.msp = msp;
        this.name = name;
        this.certificate = certificate;
        this.pem = pem(certificate);
    }

    /** An organisation's certificate authority. */
    static final class Ca {
        private final String msp;
        private final KeyPair keys;
        private final X500Name subject;
        private final X509Certificate certificate;

        private Ca(String msp) {
            this.msp = msp;
            this.keys = ecKeys();
            this.subject = new X500Name("CN=ca." + msp.toLowerCase() + ",O=" + msp + ",C=US");
            Instant now = Instant.now();
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(3650, ChronoUnit.DAYS)), subject,
                        keys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                this.certificate = sign(builder, keys);
            } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A client identity {@code CN=<name>,OU=client} with the given Fabric attributes (may be empty). */
        TestIdentity issue(String name, Map<String, String> attributes) {
            KeyPair subjectKeys = ecKeys();
            Instant now = Instant.now();
            try {
                X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                        Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)),
                        new X500Name("CN=" + name + ",OU=client,O=" + msp + ",C=US"), subjectKeys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                if (!attributes.isEmpty()) {
                    builder.addExtension(new ASN1ObjectIdentifier(ATTRS_OID), false, attrsJson(attributes));
                }
                return new TestIdentity(msp, name, sign(builder, keys));
            } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A client identity without attributes. */
        TestIdentity issue(String name) {
            return issue(name, Map.of());
        }
    }

    /** A new CA for {@code msp}. */
    static Ca ca(String msp) {
        return new Ca(msp);
    }

    String msp() {
        return msp;
    }

    String name() {
        return name;
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The identity as {@code ClientIdentity.getId()} renders it (with the same, deprecated, DN accessors). */
    @SuppressWarnings("deprecation")
    String id() {
        return "x509::" + certificate.getSubjectDN().getName() + "::" + certificate.getIssuerDN().getName();
    }

    /** The transaction creator bytes: a serialized {@code msp.SerializedIdentity}. */
    byte[] creator() {
        return SerializedIdentity.newBuilder().setMspid(msp).setIdBytes(ByteString.copyFrom(pem, UTF_8)).build()
                .toByteArray();
    }

    @Override
    public String toString() {
        return name + "@" + msp;
    }

    private static byte[] attrsJson(Map<String, String> attributes) {
        StringBuilder json = new StringBuilder("{\"attrs\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : new TreeMap<>(attributes).entrySet()) {
            json.append(first ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(e.getValue())
                    .append('"');
            first = false;
        }
        return json.append("}}").toString().getBytes(UTF_8);
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.incrementAndGet());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                        .build(issuerKeys.getPrivate())));
    }

    private static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(UTF_8)).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
