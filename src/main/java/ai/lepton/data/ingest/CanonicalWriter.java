package ai.lepton.data.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Writes encoded canonical rows to the output file while computing its SHA-256 and tracking byte offsets. */
final class CanonicalWriter implements Closeable {

    private final OutputStream out;
    private final MessageDigest sha;
    private final byte[] outBuf = new byte[1 << 16];
    private int outLen;
    private long written;

    CanonicalWriter(Path file) throws IOException {
        this.out = Files.newOutputStream(file);
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    void header(List<String> names) throws IOException {
        RowEncoder e = new RowEncoder(256);
        e.beginRow();
        for (String n : names) {
            e.cell(n);
        }
        e.endRow();
        write(e.bytes(), 0, e.length());
    }

    /** Bytes written so far: the offset at which the next row starts. */
    long offset() {
        return written;
    }

    /** Appends encoded bytes (whole rows). */
    void write(byte[] bytes, int from, int length) throws IOException {
        sha.update(bytes, from, length);
        if (outLen + length > outBuf.length) {
            out.write(outBuf, 0, outLen);
            outLen = 0;
        }
        if (length > outBuf.length) {
            out.write(bytes, from, length);
        } else {
            System.arraycopy(bytes, from, outBuf, outLen, length);
            outLen += length;
        }
        written += length;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public void close() throws IOException {
        out.write(outBuf, 0, outLen);
        outLen = 0;
        out.close();
    }
}
