package ai.lepton.data.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiDetectorTest {

    @Test
    void emails() {
        assertThat(PiiDetector.detect("ana.lopez+news@mail.example.com")).isEqualTo(PiiKind.EMAIL);
        assertThat(PiiDetector.isEmail("a@b")).isFalse();
        assertThat(PiiDetector.isEmail("a@@b.com")).isFalse();
        assertThat(PiiDetector.isEmail(".a@b.com")).isFalse();
        assertThat(PiiDetector.isEmail("a@-b.com")).isFalse();
        assertThat(PiiDetector.isEmail("a@b.c0m")).isFalse();
    }

    @Test
    void phones() {
        assertThat(PiiDetector.detect("+1 415 555 2671")).isEqualTo(PiiKind.PHONE);
        assertThat(PiiDetector.detect("(415) 555-2671")).isEqualTo(PiiKind.PHONE);
        assertThat(PiiDetector.detect("+442079460958")).isEqualTo(PiiKind.PHONE);
        assertThat(PiiDetector.detect("555.123.4567")).isEqualTo(PiiKind.PHONE);
        assertThat(PiiDetector.isPhone("4155552671")).isFalse();
        assertThat(PiiDetector.isPhone("2024-01-02")).isFalse();
        assertThat(PiiDetector.isPhone("3.14159265")).isFalse();
        assertThat(PiiDetector.isPhone("12:30:45")).isFalse();
        assertThat(PiiDetector.detect("10.0.0.1")).isEqualTo(PiiKind.IPV4);
    }

    @Test
    void ipAddresses() {
        assertThat(PiiDetector.isIpv4("192.168.1.254")).isTrue();
        assertThat(PiiDetector.isIpv4("256.1.1.1")).isFalse();
        assertThat(PiiDetector.isIpv4("01.2.3.4")).isFalse();
        assertThat(PiiDetector.isIpv4("1.2.3")).isFalse();
        assertThat(PiiDetector.isIpv6("::1")).isTrue();
        assertThat(PiiDetector.isIpv6("::")).isTrue();
        assertThat(PiiDetector.isIpv6("2001:db8::8a2e:370:7334")).isTrue();
        assertThat(PiiDetector.isIpv6("2001:0db8:85a3:0000:0000:8a2e:0370:7334")).isTrue();
        assertThat(PiiDetector.isIpv6("::ffff:192.0.2.128")).isTrue();
        assertThat(PiiDetector.isIpv6("2001:db8:::1")).isFalse();
        assertThat(PiiDetector.isIpv6("1::2::3")).isFalse();
        assertThat(PiiDetector.isIpv6("1:2:3:4:5:6:7")).isFalse();
        assertThat(PiiDetector.isIpv6("12:30:45")).isFalse();
        assertThat(PiiDetector.isIpv6("2001:db8::g")).isFalse();
    }

    @Test
    void paymentCardsPassLuhn() {
        assertThat(PiiDetector.detect("4111 1111 1111 1111")).isEqualTo(PiiKind.PAYMENT_CARD);
        assertThat(PiiDetector.isPaymentCard("4111-1111-1111-1111")).isTrue();
        assertThat(PiiDetector.isPaymentCard("5500005555555559")).isTrue();
        assertThat(PiiDetector.isPaymentCard("4111111111111112")).isFalse();
        assertThat(PiiDetector.isPaymentCard("123456")).isFalse();
    }

    @Test
    void ibansPassMod97() {
        assertThat(PiiDetector.detect("GB82 WEST 1234 5698 7654 32")).isEqualTo(PiiKind.IBAN);
        assertThat(PiiDetector.isIban("DE89370400440532013000")).isTrue();
        assertThat(PiiDetector.isIban("GB82WEST12345698765433")).isFalse();
        assertThat(PiiDetector.isIban("XX00")).isFalse();
    }

    @Test
    void maskKeepsTheShapeAndHashIsKeyed() {
        assertThat(PiiMasker.mask("ana@example.com")).isEqualTo("a***@example.com");
        assertThat(PiiMasker.mask("4111 1111 1111 1111")).isEqualTo("**** **** **** 1111");
        assertThat(PiiMasker.mask("+1 415 555 2671")).isEqualTo("+* *** *** **71");
        assertThat(PiiMasker.mask("DE89370400440532013000")).isEqualTo("DE****************3000");
        assertThat(PiiMasker.mask("10.1.2.3")).isEqualTo("10.*.*.*");
        assertThat(PiiMasker.mask("2001:db8::1")).isEqualTo("2001:*");
        assertThat(PiiMasker.mask("not personal")).isEqualTo("***");
        PiiMasker a = new PiiMasker(new byte[] {1, 2, 3});
        PiiMasker b = new PiiMasker(new byte[] {4, 5, 6});
        assertThat(a.hash("ana@example.com")).hasSize(64).isEqualTo(a.hash("ana@example.com"))
                .isNotEqualTo(b.hash("ana@example.com"));
    }
}
