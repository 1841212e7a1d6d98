package ai.lepton.data.classify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Masks or hashes personal data. One instance per upload (it keeps a Mac, which is not thread-safe). */
public final class PiiMasker {

    private final Mac mac;

    /** @param hashKey HMAC key for {@link #hash}; may be empty when only masking is used */
    public PiiMasker(byte[] hashKey) {
        if (hashKey == null || hashKey.length == 0) {
            this.mac = null;
            return;
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** Lower-case hex HMAC-SHA256 of the value: equal values give equal hashes within one installation. */
    public String hash(String value) {
        if (mac == null) {
            throw new IllegalStateException("no hash key was given");
        }
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A partial mask that keeps just enough to recognise the value's shape. */
    public static String mask(String value) {
        PiiKind kind = PiiDetector.detect(value);
        if (kind == null) {
            return "***";
        }
        return switch (kind) {
            case EMAIL -> {
                int at = value.indexOf('@');
                yield value.charAt(0) + "***" + value.substring(at);
            }
            case PHONE -> maskDigits(value, 2);
            case PAYMENT_CARD -> maskDigits(value, 4);
            case IBAN -> {
                String compact = value.replace(" ", "");
                yield compact.substring(0, 2).toUpperCase(Locale.ROOT) + "*".repeat(compact.length() - 6)
                        + compact.substring(compact.length() - 4);
            }
            case IPV4 -> value.substring(0, value.indexOf('.')) + ".*.*.*";
            case IPV6 -> {
                int colon = value.indexOf(':');
                yield (colon == 0 ? "" : value.substring(0, colon)) + ":*";
            }
        };
    }

    /** Replaces every digit but the last {@code keep} by {@code *}, keeping separators. */
    static String maskDigits(String value, int keep) {
        int digits = 0;
        for (int i = 0; i < value.length(); i++) {
            if (Character.isDigit(value.charAt(i))) {
                digits++;
            }
        }
        StringBuilder sb = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isDigit(c)) {
                seen++;
                sb.append(seen > digits - keep ? c : '*');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
