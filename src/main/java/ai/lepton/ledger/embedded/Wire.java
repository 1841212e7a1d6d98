package ai.lepton.ledger.embedded;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The primitives of the ledger's canonical binary encoding: big-endian fixed-width integers, and strings and byte
 * strings as a 4-byte length followed by the bytes (strings in UTF-8). Nothing is optional or reordered, so one value
 * has exactly one encoding and hashes are reproducible.
 */
final class Wire {

    private Wire() {
    }

    /** A growable output buffer. */
    static final class Out {
        byte[] buf;
        int pos;

        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void ensure(int more) {
            if (pos + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
            }
        }

        Out u8(int v) {
            ensure(1);
            buf[pos++] = (byte) v;
            return this;
        }

        Out i32(int v) {
            ensure(4);
            buf[pos] = (byte) (v >>> 24);
            buf[pos + 1] = (byte) (v >>> 16);
            buf[pos + 2] = (byte) (v >>> 8);
            buf[pos + 3] = (byte) v;
            pos += 4;
            return this;
        }

        Out i64(long v) {
            i32((int) (v >>> 32));
            return i32((int) v);
        }

        Out raw(byte[] b) {
            return raw(b, 0, b.length);
        }

        Out raw(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, buf, pos, len);
            pos += len;
            return this;
        }

        Out bytes(byte[] b) {
            i32(b.length);
            return raw(b);
        }

        Out str(String s) {
            // ASCII fast path: keys and function names are nearly always ASCII
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n; i++) {
                if (s.charAt(i) >= 0x80) {
                    ascii = false;
                    break;
                }
            }
            if (!ascii) {
                return bytes(s.getBytes(StandardCharsets.UTF_8));
            }
            i32(n);
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[pos + i] = (byte) s.charAt(i);
            }
            pos += n;
            return this;
        }

        void putI32At(int at, int v) {
            buf[at] = (byte) (v >>> 24);
            buf[at + 1] = (byte) (v >>> 16);
            buf[at + 2] = (byte) (v >>> 8);
            buf[at + 3] = (byte) v;
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    /** A bounds-checked reader; any overrun or impossible length is a {@link Malformed}. */
    static final class In {
        final byte[] buf;
        int pos;
        final int end;

        In(byte[] buf, int off, int end) {
            this.buf = buf;
            this.pos = off;
            this.end = end;
        }

        In(byte[] buf) {
            this(buf, 0, buf.length);
        }

        private void need(int n) {
            if (n < 0 || pos + n > end || pos + n < 0) {
                throw new Malformed("needs " + n + " bytes at offset " + pos + ", only " + (end - pos) + " left");
            }
        }

        int u8() {
            need(1);
            return buf[pos++] & 0xFF;
        }

        int i32() {
            need(4);
            int v = (buf[pos] & 0xFF) << 24 | (buf[pos + 1] & 0xFF) << 16 | (buf[pos + 2] & 0xFF) << 8
                    | buf[pos + 3] & 0xFF;
            pos += 4;
            return v;
        }

        long i64() {
            long hi = i32() & 0xFFFFFFFFL;
            return hi << 32 | i32() & 0xFFFFFFFFL;
        }

        int length() {
            int n = i32();
            need(n);
            return n;
        }

        byte[] raw(int n) {
            need(n);
            byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
            pos += n;
            return b;
        }

        byte[] bytes() {
            return raw(length());
        }

        String str() {
            int n = length();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skip(int n) {
            need(n);
            pos += n;
        }

        void expectEnd() {
            if (pos != end) {
                throw new Malformed((end - pos) + " unexpected trailing bytes");
            }
        }
    }

    /** Bytes that do not decode. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
