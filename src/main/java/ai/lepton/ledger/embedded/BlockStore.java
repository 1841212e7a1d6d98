package ai.lepton.ledger.embedded;

import ai.lepton.ledger.api.LedgerException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only block file ({@code blocks.dat}): records as described in {@link Block}, one after another, nothing
 * else. Appends go to the end at a known offset and are forced to disk ({@code fdatasync}) before a block counts as
 * committed, when fsync is on. A lock file keeps a second process out of the directory.
 */
final class BlockStore implements AutoCloseable {

    static final String FILE = "blocks.dat";
    static final int MAX_RECORD = 1 << 30;

    private final Path file;
    private final FileChannel ch;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean fsync;
    private volatile long end;

    private BlockStore(Path file, FileChannel ch, FileChannel lockChannel, FileLock lock, boolean fsync) {
        this.file = file;
        this.ch = ch;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.fsync = fsync;
    }

    static BlockStore open(Path dir, boolean fsync) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve("ledger.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lockChannel.close();
            throw new LedgerException("ledger directory " + dir + " is in use (already open in this process)");
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (lock == null) {
            lockChannel.close();
            throw new LedgerException("ledger directory " + dir + " is in use by another process");
        }
        Path file = dir.resolve(FILE);
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (created && fsync) {
            // make the new file's directory entry durable too
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // some platforms cannot open a directory; the first block's fsync still covers the data
            }
        }
        return new BlockStore(file, ch, lockChannel, lock, fsync);
    }

    Path file() {
        return file;
    }

    long end() {
        return end;
    }

    void setEnd(long end) {
        this.end = end;
    }

    long size() throws IOException {
        return ch.size();
    }

    /** Appends a record at the end; durable on return when fsync is on. Returns the record's offset. */
    long append(byte[] bytes, int length) throws IOException {
        long at = end;
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, length);
        long pos = at;
        while (b.hasRemaining()) {
            pos += ch.write(b, pos);
        }
        if (fsync) {
            ch.force(false);
        }
        end = at + length;
        return at;
    }

    /** Copies bytes {@code [from, size)} aside for inspection, then cuts the file at {@code from}. */
    Path truncateTail(long from) throws IOException {
        long size = ch.size();
        Path aside = file.resolveSibling(FILE + ".torn-" + from);
        try (FileChannel out = FileChannel.open(aside, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.transferTo(from, size - from, out);
            out.force(true);
        }
        ch.truncate(from);
        ch.force(true);
        return aside;
    }

    /** Reads a whole record at {@code offset} (its body and hash, without magic and length). */
    byte[] readRecord(long offset) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(8);
        readFully(head, offset);
        head.flip();
        int magic = head.getInt();
        int length = head.getInt();
        if (magic != Block.MAGIC || length < 0 || length > MAX_RECORD) {
            throw new IOException("no block record at offset " + offset);
        }
        byte[] rec = new byte[length];
        readFully(ByteBuffer.wrap(rec), offset + 8);
        return rec;
    }

    /** Reads one encoded transaction whose length prefix is at {@code offset}. */
    Tx readTx(long offset) throws IOException {
        ByteBuffer len = ByteBuffer.allocate(4);
        readFully(len, offset);
        int n = len.flip().getInt();
        if (n < 0 || n > MAX_RECORD) {
            throw new IOException("no transaction at offset " + offset);
        }
        byte[] b = new byte[n];
        readFully(ByteBuffer.wrap(b), offset + 4);
        return Tx.decode(new Wire.In(b));
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new EOFException("block file ends at " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            ch.close();
        } finally {
            try {
                lock.release();
            } finally {
                lockChannel.close();
            }
        }
    }

    /** What a sequential read of the file found next. */
    sealed interface Next permits Record, End, Torn, Bad {
    }

    /** A complete record: {@code rec} holds its body and hash. */
    record Record(long offset, byte[] rec) implements Next {
    }

    /** The end of the file (or of the part to read), exactly at a record boundary. */
    record End(long offset) implements Next {
    }

    /** An incomplete record at the end of the file: what a crash during an append leaves. */
    record Torn(long offset, String reason) implements Next {
    }

    /** Bytes that are not a block record and are not a torn tail. */
    record Bad(long offset, String reason) implements Next {
    }

    /** Reads records one after another from the start of the file up to {@code limit} bytes. */
    static final class SequentialReader implements AutoCloseable {
        private final InputStream in;
        private final long limit;
        private long offset;
        private final byte[] head = new byte[8];

        SequentialReader(Path file, long limit) throws IOException {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 20);
            this.limit = limit;
        }

        Next next() throws IOException {
            long remaining = limit - offset;
            if (remaining == 0) {
                return new End(offset);
            }
            if (remaining < 8) {
                byte[] rest = readUpTo((int) remaining);
                return tailOrBad(rest, "a partial record header (" + rest.length + " bytes)");
            }
            if (in.readNBytes(head, 0, 8) != 8) {
                return new Bad(offset, "the file ends at " + offset + ", before " + limit);
            }
            int magic = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
            int length = (head[4] & 0xFF) << 24 | (head[5] & 0xFF) << 16 | (head[6] & 0xFF) << 8 | head[7] & 0xFF;
            if (magic != Block.MAGIC) {
                if (allZero(head) && restIsZero(remaining - 8)) {
                    return new Torn(offset, "a zero-filled tail of " + remaining + " bytes");
                }
                return new Bad(offset, "no block record at offset " + offset);
            }
            if (length < 0 || length > MAX_RECORD) {
                return new Bad(offset, "impossible record length " + length + " at offset " + offset);
            }
            if (length > remaining - 8) {
                return new Torn(offset, "a record of " + length + " bytes with only " + (remaining - 8)
                        + " in the file");
            }
            byte[] rec = new byte[length];
            if (in.readNBytes(rec, 0, length) != length) {
                return new Bad(offset, "the file ends inside the record at offset " + offset);
            }
            long at = offset;
            offset += 8L + length;
            return new Record(at, rec);
        }

        private Next tailOrBad(byte[] rest, String what) {
            byte[] magic = {0x4C, 0x42, 0x4B, 0x31};
            boolean prefix = true;
            for (int i = 0; i < rest.length && i < 4; i++) {
                prefix &= rest[i] == magic[i];
            }
            return prefix || allZero(rest) ? new Torn(offset, what) : new Bad(offset, "stray bytes at " + offset);
        }

        private byte[] readUpTo(int n) throws IOException {
            return in.readNBytes(n);
        }

        /** Whether the next {@code n} bytes are all zero; reads in chunks, stops at the first that is not. */
        private boolean restIsZero(long n) throws IOException {
            byte[] chunk = new byte[1 << 16];
            while (n > 0) {
                int got = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, n));
                if (got == 0) {
                    return true;
                }
                for (int i = 0; i < got; i++) {
                    if (chunk[i] != 0) {
                        return false;
                    }
                }
                n -= got;
            }
            return true;
        }

        private static boolean allZero(byte[] b) {
            for (byte x : b) {
                if (x != 0) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
