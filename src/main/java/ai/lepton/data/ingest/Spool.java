package ai.lepton.data.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first pass's normalised rows, written to a temporary binary file and read back in the second pass, so type
 * inference can see every value without the rows being held in memory or the input parsed twice.
 *
 * <p>Record layout: a tag byte; {@code ROW}: line (8 bytes), missing-field count (4), value count (4), then per
 * value a length (4, -1 for null) and its UTF-8 bytes; {@code DROPPED}: line (8), reason (length-prefixed UTF-8).
 * A value holding UTF-16 surrogates (paired or lone, e.g. from a JSON {@code \ud800} escape) is written in modified
 * UTF-8, each surrogate as its own 3-byte unit, and its length carries {@link #MODIFIED}; every other value is
 * standard UTF-8, which the JDK's intrinsified decoder reads much faster than a loop over the bytes.
 */
final class Spool {

    static final byte ROW = 0;
    static final byte DROPPED = 1;
    /** Flag in a value's length: the bytes are modified UTF-8 (the value holds surrogates). */
    static final int MODIFIED = 1 << 30;

    private Spool() {
    }

    /** Encodes spool records into a growable in-memory buffer (on the reading thread). */
    static final class Encoder {
        private byte[] buf = new byte[1 << 16];
        private int len;
        private char[] chars = new char[256];

        byte[] bytes() {
            return buf;
        }

        int length() {
            return len;
        }

        void clear() {
            len = 0;
        }

        void row(long line, int missing, String[] values, int count) {
            ensure(17);
            buf[len++] = ROW;
            putLong(line);
            putInt(missing);
            putInt(count);
            for (int i = 0; i < count; i++) {
                string(values[i]);
            }
        }

        void dropped(long line, String reason) {
            ensure(9);
            buf[len++] = DROPPED;
            putLong(line);
            string(reason);
        }

        private void string(String s) {
            if (s == null) {
                ensure(4);
                putInt(-1);
                return;
            }
            int n = s.length();
            ensure(4 + 3 * n);
            if (chars.length < n) {
                chars = new char[Math.max(n, chars.length * 2)];
            }
            // one bulk copy of the chars (vectorised for Latin-1 strings) instead of a checked charAt per char
            char[] cs = chars;
            s.getChars(0, n, cs, 0);
            int lenAt = len;
            len += 4;
            int start = len;
            byte[] b = buf;
            int at = len;
            int i = 0;
            for (; i < n; i++) {
                char c = cs[i];
                if (c >= 0x80) {
                    break;
                }
                b[at++] = (byte) c;
            }
            boolean surrogates = false;
            for (; i < n; i++) {
                char c = cs[i];
                if (c < 0x80) {
                    b[at++] = (byte) c;
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    // surrogate halves are written as 3-byte units and decoded back the same way (modified UTF-8);
                    // standard UTF-8 decoding would turn them into U+FFFD, so the length is flagged
                    surrogates |= Character.isSurrogate(c);
                    b[at++] = (byte) (0xE0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            len = at;
            if (len - start >= MODIFIED) {
                // cells are limited to far fewer characters (maxCellChars); the flag bit must stay free
                throw new IllegalStateException("a value of " + (len - start) + " bytes does not fit the spool");
            }
            int bytes = (len - start) | (surrogates ? MODIFIED : 0);
            b[lenAt] = (byte) (bytes >>> 24);
            b[lenAt + 1] = (byte) (bytes >>> 16);
            b[lenAt + 2] = (byte) (bytes >>> 8);
            b[lenAt + 3] = (byte) bytes;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        private void putInt(int v) {
            buf[len++] = (byte) (v >>> 24);
            buf[len++] = (byte) (v >>> 16);
            buf[len++] = (byte) (v >>> 8);
            buf[len++] = (byte) v;
        }

        private void putLong(long v) {
            putInt((int) (v >>> 32));
            putInt((int) v);
        }
    }

    /** Writes encoded records to the spool file. */
    static final class Writer implements Closeable {
        private final OutputStream out;

        Writer(Path file) throws IOException {
            this.out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }

        void write(Encoder e) throws IOException {
            out.write(e.bytes(), 0, e.length());
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    static final class Reader implements Closeable {
        private final InputStream in;
        private byte[] buf = new byte[1 << 16];
        private int pos;
        private int lim;
        private char[] chars = new char[256];

        byte tag;
        long line;
        int missing;
        int count;
        String[] values = new String[16];
        String reason;

        Reader(Path file) throws IOException {
            this.in = Files.newInputStream(file);
        }

        boolean next() throws IOException {
            if (!have(1)) {
                return false;
            }
            tag = buf[pos++];
            need(8);
            line = getLong();
            if (tag == DROPPED) {
                reason = string();
                return true;
            }
            need(8);
            missing = getInt();
            count = getInt();
            if (count > values.length) {
                values = Arrays.copyOf(values, Math.max(count, values.length * 2));
            }
            for (int i = 0; i < count; i++) {
                values[i] = string();
            }
            return true;
        }

        private String string() throws IOException {
            need(4);
            int n = getInt();
            if (n < 0) {
                return null;
            }
            boolean modified = (n & MODIFIED) != 0;
            n &= ~MODIFIED;
            need(n);
            // without surrogates the bytes are standard UTF-8: the JDK decodes ASCII with a vectorised check and copy
            String s = modified ? decode(pos, n) : new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        private String decode(int from, int n) {
            if (chars.length < n) {
                chars = new char[n];
            }
            int c = 0;
            int i = from;
            int end = from + n;
            while (i < end) {
                int b = buf[i] & 0xff;
                if (b < 0x80) {
                    chars[c++] = (char) b;
                    i++;
                } else if (b < 0xE0) {
                    chars[c++] = (char) (((b & 0x1F) << 6) | (buf[i + 1] & 0x3F));
                    i += 2;
                } else {
                    chars[c++] = (char) (((b & 0x0F) << 12) | ((buf[i + 1] & 0x3F) << 6) | (buf[i + 2] & 0x3F));
                    i += 3;
                }
            }
            return new String(chars, 0, c);
        }

        private boolean have(int n) throws IOException {
            if (lim - pos >= n) {
                return true;
            }
            compactAndFill(n);
            return lim - pos >= n;
        }

        private void need(int n) throws IOException {
            if (!have(n)) {
                throw new IOException("the spool file is truncated");
            }
        }

        private void compactAndFill(int n) throws IOException {
            int rest = lim - pos;
            if (n > buf.length) {
                buf = Arrays.copyOf(Arrays.copyOfRange(buf, pos, lim), Math.max(n, buf.length * 2));
            } else {
                System.arraycopy(buf, pos, buf, 0, rest);
            }
            pos = 0;
            lim = rest;
            while (lim < n) {
                int r = in.read(buf, lim, buf.length - lim);
                if (r < 0) {
                    return;
                }
                lim += r;
            }
        }

        private int getInt() {
            int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                    | (buf[pos + 3] & 0xff);
            pos += 4;
            return v;
        }

        private long getLong() {
            return ((long) getInt() << 32) | (getInt() & 0xffffffffL);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
