package ai.lepton.data.ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Passes bytes through while enforcing the size limit, validating UTF-8 strictly (no overlongs, no surrogates, no
 * truncated sequences) and counting physical lines, so errors name the exact line. A leading byte-order mark is
 * dropped. Failures surface as {@link Failure}, an IOException carrying the {@link IngestException}.
 */
final class Utf8Guard extends FilterInputStream {

    /** Carries an {@link IngestException} through {@code InputStream} and {@code Reader} signatures. */
    static final class Failure extends IOException {
        final IngestException cause;

        Failure(IngestException cause) {
            super(cause.getMessage());
            this.cause = cause;
        }
    }

    private static final int[] BOM = {0xEF, 0xBB, 0xBF};
    private final long maxBytes;
    private long bytes;
    private long line = 1;
    private int pending; // continuation bytes still expected
    private int min; // smallest valid code point of the current sequence (overlong check)
    private int codePoint;
    private long sequenceLine;
    private boolean start = true;

    Utf8Guard(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    long bytesRead() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (start && len > 0) {
            start = false;
            skipByteOrderMark();
        }
        int n = in.read(b, off, len);
        if (n < 0) {
            if (pending > 0) {
                throw new Failure(IngestException.malformed(sequenceLine,
                        "invalid UTF-8: the input ends inside a multi-byte character"));
            }
            return n;
        }
        count(n);
        validate(b, off, n);
        return n;
    }

    /**
     * Reads until the first three bytes are known, however the body is chunked, and drops them when they are a BOM;
     * otherwise puts what was read back in front of the rest of the input.
     */
    private void skipByteOrderMark() throws IOException {
        byte[] head = new byte[3];
        int k = 0;
        while (k < 3 && isBomPrefix(head, k)) {
            int r = in.read(head, k, 3 - k);
            if (r < 0) {
                break;
            }
            k += r;
        }
        if (k == 3 && isBomPrefix(head, 3)) {
            count(3);
        } else if (k > 0) {
            in = new SequenceInputStream(new ByteArrayInputStream(head, 0, k), in);
        }
    }

    private static boolean isBomPrefix(byte[] head, int k) {
        for (int i = 0; i < k; i++) {
            if ((head[i] & 0xff) != BOM[i]) {
                return false;
            }
        }
        return true;
    }

    private void count(int n) throws Failure {
        bytes += n;
        if (bytes > maxBytes) {
            throw new Failure(new IngestException(IngestException.Kind.TOO_LARGE, 0, null,
                    "the upload is larger than the limit of " + maxBytes + " bytes (lepton.data.max-upload-size)"));
        }
    }

    private void validate(byte[] b, int off, int n) throws Failure {
        int end = off + n;
        for (int i = off; i < end; i++) {
            int c = b[i];
            if (pending == 0) {
                if (c >= 0) {
                    if (c == '\n') {
                        line++;
                    }
                    continue;
                }
                int u = c & 0xff;
                sequenceLine = line;
                if (u >= 0xC2 && u <= 0xDF) {
                    pending = 1;
                    codePoint = u & 0x1F;
                    min = 0x80;
                } else if (u >= 0xE0 && u <= 0xEF) {
                    pending = 2;
                    codePoint = u & 0x0F;
                    min = 0x800;
                } else if (u >= 0xF0 && u <= 0xF4) {
                    pending = 3;
                    codePoint = u & 0x07;
                    min = 0x10000;
                } else {
                    throw bad(String.format("byte 0x%02X cannot start a character", u));
                }
            } else {
                int u = c & 0xff;
                if ((u & 0xC0) != 0x80) {
                    throw bad(String.format("byte 0x%02X should continue a multi-byte character", u));
                }
                codePoint = (codePoint << 6) | (u & 0x3F);
                if (--pending == 0) {
                    if (codePoint < min) {
                        throw bad("an overlong encoding");
                    }
                    if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
                        throw bad("an encoded surrogate");
                    }
                    if (codePoint > 0x10FFFF) {
                        throw bad("a code point beyond U+10FFFF");
                    }
                }
            }
        }
    }

    private Failure bad(String what) {
        return new Failure(IngestException.malformed(sequenceLine == 0 ? line : sequenceLine, "invalid UTF-8: " + what));
    }
}
