package ai.lepton.ledger.embedded;

import java.util.Comparator;

/**
 * The order a peer's state database keeps keys in: by their UTF-8 bytes, which is Unicode code point order. Java's
 * {@link String#compareTo} compares UTF-16 units and puts U+E000..U+FFFF after supplementary characters; Fabric's
 * {@code MAX_UNICODE_RUNE} (U+10FFFF) upper bound of partial composite key queries only works in code point order.
 */
final class KeyOrder {

    static final Comparator<String> CODE_POINT = KeyOrder::compare;

    private KeyOrder() {
    }

    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return fix(x) - fix(y);
            }
        }
        return a.length() - b.length();
    }

    // ICU's trick: move surrogates above U+E000..U+FFFF so UTF-16 units compare in code point order
    private static int fix(char c) {
        if (c >= 0xD800) {
            return c >= 0xE000 ? c - 0x800 : c + 0x2000;
        }
        return c;
    }
}
