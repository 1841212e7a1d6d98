package ai.lepton.data.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiMaskerTest {

    private static final byte[] KEY = "installation-key-1".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "john.doe@example.com|j***@example.com",
        "a@b.co|a***@b.co",
        "+1 415 555 2671|+* *** *** **71",
        "(415) 555-2671|(***) ***-**71",
        "4111 1111 1111 1111|**** **** **** 1111",
        "4111111111111111|************1111",
        "GB82 WEST 1234 5698 7654 32|GB****************5432",
        "gb82west12345698765432|GB****************5432",
        "192.168.1.1|192.*.*.*",
        "2001:db8::8a2e:370:7334|2001:*",
        "::1|:*",
        "::ffff:192.0.2.128|:*",
        "plain text|***",
        "42|***",
    })
    void masksEachKindKeepingOnlyItsShape(String value, String expected) {
        assertThat(PiiMasker.mask(value)).isEqualTo(expected);
    }

    @Test
    void masksAnIbanTheSameWayWhateverTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr-TR"));
            assertThat(PiiMasker.mask("it60x0542811101000000123456")).isEqualTo("IT*********************3456");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void masksAllButTheLastDigits() {
        assertThat(PiiMasker.maskDigits("12-34-56", 2)).isEqualTo("**-**-56");
        assertThat(PiiMasker.maskDigits("1", 4)).isEqualTo("1");
    }

    @Test
    void hashesWithHmacSha256OfTheKey() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("jane@example.com".getBytes(StandardCharsets.UTF_8)));
        assertThat(new PiiMasker(KEY).hash("jane@example.com")).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void hashesStablyAcrossCallsAndInstances() {
        PiiMasker a = new PiiMasker(KEY);
        String first = a.hash("jane@example.com");
        assertThat(a.hash("other@example.com")).isNotEqualTo(first);
        assertThat(a.hash("jane@example.com")).isEqualTo(first);
        assertThat(new PiiMasker(KEY.clone()).hash("jane@example.com")).isEqualTo(first);
    }

    @Test
    void hashesDependOnTheKey() {
        PiiMasker a = new PiiMasker(KEY);
        PiiMasker b = new PiiMasker("installation-key-2".getBytes(StandardCharsets.UTF_8));
        assertThat(b.hash("jane@example.com")).isNotEqualTo(a.hash("jane@example.com"));
    }

    @Test
    void hashesNonAsciiAsUtf8() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("zoë@exämple.com".getBytes(StandardCharsets.UTF_8)));
        assertThat(new PiiMasker(KEY).hash("zoë@exämple.com")).isEqualTo(expected);
    }

    @Test
    void refusesToHashWithoutAKey() {
        assertThatThrownBy(() -> new PiiMasker(null).hash("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new PiiMasker(new byte[0]).hash("x")).isInstanceOf(IllegalStateException.class);
    }
}
