package ai.lepton.data.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes the canonical CSV (UTF-8, {@code \n}, RFC 4180 quoting only where needed, null as an empty field) while
 * hashing it. Rows are built in a reusable buffer first so the caller can hash them for de-duplication before
 * deciding to keep them.
 */
final class CanonicalWriter implements Closeable {

    private final OutputStream out;
    private final MessageDigest sha;
    private final byte[] outBuf = new byte[1 << 16];
    private int outLen;
    private long written;
    private byte[] row = new byte[1024];
    private int rowLen;
    private boolean firstCell;

    CanonicalWriter(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    void header(List<String> names) throws IOException {
        beginRow();
        for (String n : names) {
            cell(n);
        }
        commitRow();
    }

    void beginRow() {
        rowLen = 0;
        firstCell = true;
    }

    void cell(String value) {
        if (!firstCell) {
            put((byte) ',');
        }
        firstCell = false;
        if (value == null) {
            return;
        }
        boolean quote = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        int n = value.length();
        if (rowLen + 4 * n + 3 > row.length) {
            row = Arrays.copyOf(row, Math.max(row.length * 2, rowLen + 4 * n + 3));
        }
        if (!quote) {
            // common case: no quoting; write straight into the row buffer
            byte[] r = row;
            int at = rowLen;
            int i = 0;
            for (; i < n; i++) {
                char c = value.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                r[at++] = (byte) c;
            }
            rowLen = at;
            if (i == n) {
                return;
            }
            encode(value, i);
            return;
        }
        put((byte) '"');
        encode(value, 0);
        put((byte) '"');
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

    /** A null in a one-column table: written as {@code ""} so the line is not mistaken for a blank line. */
    void quotedEmptyCell() {
        if (!firstCell) {
            put((byte) ',');
        }
        firstCell = false;
        put((byte) '"');
        put((byte) '"');
    }

    /** The current row's bytes (without the line end), valid until the next {@link #beginRow()}. */
    byte[] rowBytes() {
        return row;
    }

    int rowLength() {
        return rowLen;
    }

    /** Bytes written so far: the offset at which the next committed row starts. */
    long offset() {
        return written;
    }

    void commitRow() throws IOException {
        put((byte) '\n');
        sha.update(row, 0, rowLen);
        if (outLen + rowLen > outBuf.length) {
            out.write(outBuf, 0, outLen);
            outLen = 0;
        }
        if (rowLen > outBuf.length) {
            out.write(row, 0, rowLen);
        } else {
            System.arraycopy(row, 0, outBuf, outLen, rowLen);
            outLen += rowLen;
        }
        written += rowLen;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }

    private void put(byte b) {
        if (rowLen == row.length) {
            row = Arrays.copyOf(row, row.length * 2);
        }
        row[rowLen++] = b;
    }

    @Override
    public void close() throws IOException {
        out.write(outBuf, 0, outLen);
        outLen = 0;
        out.close();
    }
}
