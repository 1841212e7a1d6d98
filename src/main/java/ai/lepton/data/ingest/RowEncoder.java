package ai.lepton.data.ingest;

import java.util.Arrays;

/**
 * Encodes canonical CSV rows (UTF-8, RFC 4180 quoting only where needed, null as an empty field, {@code \n} ends
 * a row) into a growable byte buffer. Several rows can be encoded one after another; {@link #length()} marks where
 * each ends.
 */
final class RowEncoder {

    private byte[] buf;
    private int len;
    private boolean firstCell;
    private char[] chars = new char[256];

    RowEncoder(int capacity) {
        buf = new byte[Math.max(64, capacity)];
    }

    byte[] bytes() {
        return buf;
    }

    int length() {
        return len;
    }

    void clear() {
        len = 0;
    }

    void beginRow() {
        firstCell = true;
    }

    void endRow() {
        put((byte) '\n');
    }

    /** A null in a one-column table: written as {@code ""} so the line is not mistaken for a blank line. */
    void quotedEmptyCell() {
        separator();
        put((byte) '"');
        put((byte) '"');
    }

    void cell(String value) {
        separator();
        if (value == null) {
            return;
        }
        int n = value.length();
        if (len + 4 * n + 3 > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + 4 * n + 3));
        }
        // common case: plain ASCII without quoting, written straight into the buffer while checking, in one pass
        // over the chars rather than a scan for quoting followed by a copy; the chars come from one bulk copy
        // (vectorised for Latin-1 strings) rather than a checked charAt each
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
        }
        char[] cs = chars;
        value.getChars(0, n, cs, 0);
        byte[] b = buf;
        int at = len;
        int i = 0;
        char c = 0;
        for (; i < n; i++) {
            c = cs[i];
            if (c >= 0x80 || c == ',' || c == '"' || c == '\n' || c == '\r') {
                break;
            }
            b[at++] = (byte) c;
        }
        if (i == n) {
            len = at;
            return;
        }
        boolean quote = c < 0x80;
        for (int k = i + 1; k < n && !quote; k++) {
            char d = cs[k];
            quote = d == ',' || d == '"' || d == '\n' || d == '\r';
        }
        if (!quote) {
            len = at;
            encode(value, i);
            return;
        }
        put((byte) '"');
        encode(value, 0);
        put((byte) '"');
    }

    private void separator() {
        if (!firstCell) {
            put((byte) ',');
        }
        firstCell = false;
    }

    private void encode(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    put((byte) '"');
                }
                put((byte) c);
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                put((byte) (0xF0 | (cp >> 18)));
                put((byte) (0x80 | ((cp >> 12) & 0x3F)));
                put((byte) (0x80 | ((cp >> 6) & 0x3F)));
                put((byte) (0x80 | (cp & 0x3F)));
            } else {
                put((byte) (0xE0 | (c >> 12)));
                put((byte) (0x80 | ((c >> 6) & 0x3F)));
                put((byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    private void put(byte b) {
        if (len == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[len++] = b;
    }
}
