package ai.lepton.ledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.lepton.ledger.api.LedgerIdentity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCaTest {

    @TempDir
    Path tmp;

    @Test
    void issuesP256CertificatesWithFabricsAttributeExtensionSignedByItsRoot() throws Exception {
        LocalCa ca = LocalCa.open(tmp);
        LedgerIdentity demo = ca.project("demo");
        assertThat(demo.mspId()).isEqualTo("LeptonMSP");
        X509Certificate cert = LocalCa.parseCertificate(demo.certificatePem());
        cert.verify(ca.rootCertificate().getPublicKey());
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertThat(ca.rootCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
        byte[] ext = cert.getExtensionValue(LocalCa.ATTRIBUTE_OID);
        String json = new String(ASN1OctetString.getInstance(ext).getOctets(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo(
                "{\"attrs\":{\"hf.EnrollmentID\":\"demo\",\"hf.Type\":\"client\",\"lepton.project\":\"demo\"}}");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=demo,OU=client,O=Lepton");
    }

    @Test
    void reopeningReturnsTheSameRootAndCertificatesAndKeepsKeysPrivate() throws Exception {
        LocalCa first = LocalCa.open(tmp, "OrgMSP");
        LedgerIdentity demo = first.project("demo");
        LedgerIdentity op = first.operator();
        LocalCa again = LocalCa.open(tmp, "OrgMSP");
        assertThat(again.rootCertificatePem()).isEqualTo(first.rootCertificatePem());
        assertThat(again.project("demo")).isEqualTo(demo);
        assertThat(again.operator()).isEqualTo(op);
        assertThat(again.project("other")).isNotEqualTo(demo);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("ca-key.pem")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(again.privateKeyFile("demo"))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void rejectsProjectNamesThatCouldEscapeTheDirectory() {
        LocalCa ca = LocalCa.open(tmp);
        assertThatThrownBy(() -> ca.project("../evil")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.project("")).isInstanceOf(IllegalArgumentException.class);
    }
}
