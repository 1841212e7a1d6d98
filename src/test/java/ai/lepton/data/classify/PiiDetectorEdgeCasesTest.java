package ai.lepton.data.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PiiDetectorEdgeCasesTest {

    // ---------------------------------------------------------------- e-mail

    @ParameterizedTest
    @ValueSource(strings = {"a@b.co", "john.doe@example.com", "user+tag@mail.example.co.uk", "o'brien@example.ie",
        "x_y-z@sub-domain.example.org", "UPPER@EXAMPLE.COM", "1234@123.example.net", "a!#$%&*/=?^`{|}~@x.io"})
    void detectsValidEmails(String s) {
        assertThat(PiiDetector.isEmail(s)).isTrue();
        assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.EMAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@example.com", "a@", "a@b", "a@b.c", "a@b.c1", "a@b.123", "a..b@example.com",
        ".a@example.com", "a.@example.com", "a@@example.com", "a@b@example.com", "a b@example.com",
        "a@exa mple.com", "a@-example.com", "a@example-.com", "a@example..com", "a@.example.com", "a@example.com.",
        "a(b)@example.com", "a@exam_ple.com", "a@exämple.com"})
    void rejectsInvalidEmails(String s) {
        assertThat(PiiDetector.isEmail(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNull();
    }

    @Test
    void limitsTheLocalPartAndLabelLengths() {
        assertThat(PiiDetector.isEmail("a".repeat(64) + "@example.com")).isTrue();
        assertThat(PiiDetector.isEmail("a".repeat(65) + "@example.com")).isFalse();
        assertThat(PiiDetector.isEmail("a@" + "b".repeat(63) + ".com")).isTrue();
        assertThat(PiiDetector.isEmail("a@" + "b".repeat(64) + ".com")).isFalse();
    }

    // ---------------------------------------------------------------- phone

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 2671", "(415) 555-2671", "+14155552671", "415-555-2671", "555.123.4567",
        "+44 20 7946 0958", "020 7946 0958", "+33 1 23 45 67 89", "+49 (30) 123456", "555 1234"})
    void detectsPhoneNumbers(String s) {
        assertThat(PiiDetector.isPhone(s)).isTrue();
        assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.PHONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-02", "4155552671", "1234567", "123456789012345", "3.14159265", "1.2.3.4.5",
        "12:30:45", "+1 415", "+1234567890123456", "415--555-2671", "415 555 2671 ", "(415 555-2671",
        "415) 555-2671", "((415)) 555-2671", "() 5555555", "415-555-2671x12", "-4155552671", "1,234,567",
        "123 45", "+1-(415)-(555)-2671"})
    void rejectsValuesThatAreNotPhoneNumbers(String s) {
        assertThat(PiiDetector.isPhone(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNotEqualTo(PiiKind.PHONE);
    }

    @Test
    void doesNotMistakeAnIsoDateForAPhone() {
        assertThat(PiiDetector.detect("2024-01-02")).isNull();
        assertThat(PiiDetector.detect("1999-12-31")).isNull();
    }

    // ---------------------------------------------------------------- IPv4

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "1.2.3.4", "192.168.1.1", "255.255.255.255", "10.0.0.254", "100.64.0.1"})
    void detectsIpv4Addresses(String s) {
        assertThat(PiiDetector.isIpv4(s)).isTrue();
        assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.IPV4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.256.1.1", "1.1.1.256", "01.2.3.4", "1.02.3.4", "1.2.3.004", "1.2.3",
        "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "1.2.3.4 ", "1234.1.1.1", "a.b.c.d", "1.2.3.-4", "999.999.999.999"})
    void rejectsInvalidIpv4Addresses(String s) {
        assertThat(PiiDetector.isIpv4(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNotEqualTo(PiiKind.IPV4);
    }

    @Test
    void doesNotTagNearMissIpv4AsAnythingElse() {
        assertThat(PiiDetector.detect("256.1.1.1")).isNull();
        assertThat(PiiDetector.detect("01.2.3.4")).isNull();
    }

    // ---------------------------------------------------------------- IPv6

    @ParameterizedTest
    @ValueSource(strings = {"::1", "2001:db8::8a2e:370:7334", "::ffff:192.0.2.128", "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "fe80::", "1:2:3:4:5:6:7:8", "1::", "::", "1:2:3:4:5:6::8", "1:2:3:4:5:6:1.2.3.4", "::1.2.3.4", "ABCD:EF01::1",
        "1:2:3:4:5:6:7::"})
    void acceptsIpv6Addresses(String s) {
        assertThat(PiiDetector.isIpv6(s)).isTrue();
        if (s.length() >= 3) {
            assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.IPV6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2001:db8:::1", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8::", "1::2:3:4:5:6:7:8", "12345::1", "g::1", "1:", "1:2:3:4:5:6:7:8:", "::ffff:1.2.3",
        "::ffff:256.0.0.1", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "12:30:45", "2001:db8::1%eth0", "[::1]",
        "2024-01-02T03:04:05"})
    void rejectsInvalidIpv6Addresses(String s) {
        assertThat(PiiDetector.isIpv6(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNull();
    }

    // ---------------------------------------------------------------- payment cards

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5500005555555559",
        "378282246310005", "6011111111111117", "4222222222222", "3530111333300000", "4000056655665556"})
    void detectsLuhnValidCardNumbers(String s) {
        assertThat(PiiDetector.isPaymentCard(s)).isTrue();
        assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.PAYMENT_CARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "4111 1111 1111 1112", "411111111111", "41111111111111111111",
        "0000000000000000", "4111  1111 1111 1111", " 4111111111111111", "4111111111111111-", "4111 1111 1111 111a",
        "4111_1111_1111_1111"})
    void rejectsNearMissCardNumbers(String s) {
        assertThat(PiiDetector.isPaymentCard(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNotEqualTo(PiiKind.PAYMENT_CARD);
    }

    // ---------------------------------------------------------------- IBAN

    @ParameterizedTest
    @ValueSource(strings = {"GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "gb82west12345698765432",
        "DE89370400440532013000", "FR1420041010050500013M02606", "NL91ABNA0417164300", "BE68539007547034",
        "CH9300762011623852957"})
    void detectsIbansWithAValidChecksum(String s) {
        assertThat(PiiDetector.isIban(s)).isTrue();
        assertThat(PiiDetector.detect(s)).isEqualTo(PiiKind.IBAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82WEST12345698765433", "GB28WEST12345698765432", "DE89370400440532013001",
        "GB82-WEST-1234-5698-7654-32", "G182WEST12345698765432", "GBX2WEST12345698765432", "GB82WEST1234",
        "GB82WEST1234569876543212345678901234567", "GB82WÉST12345698765432"})
    void rejectsIbansWithABadChecksumOrShape(String s) {
        assertThat(PiiDetector.isIban(s)).isFalse();
        assertThat(PiiDetector.detect(s)).isNotEqualTo(PiiKind.IBAN);
    }

    // ---------------------------------------------------------------- no personal data

    @ParameterizedTest
    @ValueSource(strings = {"hello", "42", "3.14", "2024-01-02T03:04:05Z", "true", "ab", "", "N/A", "1,5",
        "some text with words", "ID-12345"})
    void findsNothingInOrdinaryValues(String s) {
        assertThat(PiiDetector.detect(s)).isNull();
    }
}
