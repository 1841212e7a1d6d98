package ai.lepton.ml.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Encoded rows in a temporary file, so that training and evaluation can pass over a dataset many times while holding
 * only a bounded window of it. Every record has the same size: the output (a label index or a regression target) as
 * a double, then per feature column a double (numeric; NaN when missing) or an int (a category index; -1 when
 * missing). The file is deleted on {@link #close()}.
 *
 * <p>{@link #shuffled} visits every row once in an order close to a seeded random permutation: the file is cut into
 * chunks of consecutive rows, the chunks are visited in a random order, {@value #CHUNKS_PER_WINDOW} at a time, and the
 * rows of those chunks are shuffled together. This is an approximation of a full shuffle: rows that were stored close
 * together (within one chunk, about {@value #WINDOW_BYTES} / {@value #CHUNKS_PER_WINDOW} bytes of records) stay in the
 * same window, so on data sorted by label each window still mixes {@value #CHUNKS_PER_WINDOW} random stretches of the
 * file rather than all of it. Memory is one window's records plus one int per chunk.
 */
final class RowSpill implements AutoCloseable {

    /** Bytes of records held in memory while reading (the shuffle window). */
    static final int WINDOW_BYTES = 4 << 20;
    /** Chunks shuffled together in one window. */
    static final int CHUNKS_PER_WINDOW = 16;

    /** One record, read in place: valid only during the visit that received it. */
    static final class Record {
        private final int[] offsets;
        private ByteBuffer buf;
        private int base;

        private Record(int[] offsets) {
            this.offsets = offsets;
        }

        /** The label index or the regression target. */
        double output() {
            return buf.getDouble(base);
        }

        /** Column {@code j}'s value (NaN when missing); only for numeric columns. */
        double numeric(int j) {
            return buf.getDouble(base + offsets[j]);
        }

        /** Column {@code j}'s category index (-1 when missing); only for categorical columns. */
        int category(int j) {
            return buf.getInt(base + offsets[j]);
        }
    }

    /** Receives records. */
    interface Visitor {
        void visit(Record r) throws IOException, TrainingRun.Cancelled;
    }

    /** Called between windows, with the rows visited so far in the pass; may stop the pass by throwing. */
    interface Checkpoint {
        void at(long rowsVisited) throws TrainingRun.Cancelled;
    }

    private final Path file;
    private final FileChannel channel;
    private final boolean[] categorical;
    private final int[] offsets;
    private final int recordBytes;
    private final ByteBuffer out;
    private long rows;
    private long written;

    /**
     * Creates an empty spill file in {@code dir}.
     *
     * @param categorical per feature column, whether it holds category indexes (else doubles)
     */
    RowSpill(Path dir, String name, boolean[] categorical) throws IOException {
        Files.createDirectories(dir);
        this.file = Files.createTempFile(dir, "spill-" + name + "-", ".bin");
        this.channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.categorical = categorical.clone();
        this.offsets = new int[categorical.length];
        int at = Double.BYTES;
        for (int j = 0; j < categorical.length; j++) {
            offsets[j] = at;
            at += categorical[j] ? Integer.BYTES : Double.BYTES;
        }
        this.recordBytes = at;
        this.out = ByteBuffer.allocate(Math.max(recordBytes, 1 << 16));
    }

    /**
     * Appends a record.
     *
     * @param numeric per column, the value of a numeric column (NaN when missing)
     * @param category per column, the category index of a categorical column (-1 when missing)
     */
    void write(double output, double[] numeric, int[] category) throws IOException {
        if (out.remaining() < recordBytes) {
            flush();
        }
        out.putDouble(output);
        for (int j = 0; j < categorical.length; j++) {
            if (categorical[j]) {
                out.putInt(category[j]);
            } else {
                out.putDouble(numeric[j]);
            }
        }
        rows++;
    }

    /** Writes what is buffered; call once after the last {@link #write}. */
    void flush() throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            written += channel.write(out, written);
        }
        out.clear();
    }

    long rows() {
        return rows;
    }

    /** Visits every record in the order written. */
    void sequential(Visitor visitor, Checkpoint checkpoint) throws IOException, TrainingRun.Cancelled {
        int windowRows = windowRows();
        ByteBuffer buf = ByteBuffer.allocate(windowRows * recordBytes);
        Record r = new Record(offsets);
        r.buf = buf;
        for (long first = 0; first < rows; first += windowRows) {
            int n = (int) Math.min(windowRows, rows - first);
            read(buf, first, n, 0);
            for (int i = 0; i < n; i++) {
                r.base = i * recordBytes;
                visitor.visit(r);
            }
            checkpoint.at(first + n);
        }
    }

    /** Visits every record once, in a block-shuffled order drawn from {@code rng} (see the class comment). */
    void shuffled(SplittableRandom rng, Visitor visitor, Checkpoint checkpoint)
            throws IOException, TrainingRun.Cancelled {
        int windowRows = windowRows();
        int chunkRows = Math.max(1, windowRows / CHUNKS_PER_WINDOW);
        int chunks = (int) ((rows + chunkRows - 1) / chunkRows);
        int[] order = new int[chunks];
        for (int i = 0; i < chunks; i++) {
            order[i] = i;
        }
        shuffle(order, chunks, rng);
        ByteBuffer buf = ByteBuffer.allocate(chunkRows * CHUNKS_PER_WINDOW * recordBytes);
        int[] index = new int[chunkRows * CHUNKS_PER_WINDOW];
        Record r = new Record(offsets);
        r.buf = buf;
        long visited = 0;
        for (int c = 0; c < chunks; c += CHUNKS_PER_WINDOW) {
            int held = 0;
            for (int k = c; k < Math.min(chunks, c + CHUNKS_PER_WINDOW); k++) {
                long first = (long) order[k] * chunkRows;
                int n = (int) Math.min(chunkRows, rows - first);
                read(buf, first, n, held);
                held += n;
            }
            for (int i = 0; i < held; i++) {
                index[i] = i;
            }
            shuffle(index, held, rng);
            for (int i = 0; i < held; i++) {
                r.base = index[i] * recordBytes;
                visitor.visit(r);
            }
            visited += held;
            checkpoint.at(visited);
        }
    }

    private int windowRows() {
        return Math.max(CHUNKS_PER_WINDOW, WINDOW_BYTES / recordBytes);
    }

    /** Reads {@code n} records from record {@code first} into {@code buf} at record slot {@code slot}. */
    private void read(ByteBuffer buf, long first, int n, int slot) throws IOException {
        ByteBuffer view = buf.duplicate();
        view.limit((slot + n) * recordBytes).position(slot * recordBytes);
        long position = first * recordBytes;
        while (view.hasRemaining()) {
            int got = channel.read(view, position);
            if (got < 0) {
                throw new IOException("spill file " + file + " ended early");
            }
            position += got;
        }
    }

    private static void shuffle(int[] a, int n, SplittableRandom rng) {
        for (int i = n; i > 1; i--) {
            int j = rng.nextInt(i);
            int t = a[i - 1];
            a[i - 1] = a[j];
            a[j] = t;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
