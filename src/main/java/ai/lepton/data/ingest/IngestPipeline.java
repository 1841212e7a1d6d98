package ai.lepton.data.ingest;

import ai.lepton.data.api.ColumnProfile;
import ai.lepton.data.api.ColumnSchema;
import ai.lepton.data.api.ColumnType;
import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.RejectedCell;
import ai.lepton.data.api.SourceFormat;
import ai.lepton.data.classify.PiiMasker;
import ai.lepton.data.clean.ColumnStats;
import ai.lepton.data.clean.Coercer;
import ai.lepton.data.clean.Murmur3;
import ai.lepton.data.clean.RowHashSet;
import ai.lepton.data.clean.TypeInference;
import ai.lepton.data.clean.Values;
import ai.lepton.data.profile.ColumnProfiler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams an upload into a canonical, cleaned, de-duplicated file in two passes.
 *
 * <p>Pass 1 reads the input once (CSV or NDJSON, UTF-8 validated), normalises every cell, gathers per-column type and
 * personal-data counts and spools the normalised rows to a temporary file. Types and tags are then decided. Pass 2
 * reads the spool, coerces cells to their column's canonical form (bad cells handled by the error policy), masks or
 * hashes personal data, drops exact duplicates, profiles the kept rows and writes the canonical CSV while hashing it.
 * Memory is bounded by the column count and the de-duplication set (about 32 bytes per distinct row), never by the
 * input size. Plain Java: used by the server and by the benchmarks.
 */
public final class IngestPipeline {

    private static final int VALUE_PREVIEW = 200;
    private final IngestSettings settings;

    public IngestPipeline(IngestSettings settings) {
        this.settings = settings;
    }

    public IngestResult run(InputStream body, SourceFormat format, IngestOptions options)
            throws IngestException, IOException {
        Files.createDirectories(settings.workDir());
        Path spool = Files.createTempFile(settings.workDir(), "ingest-", ".spool");
        Path output = Files.createTempFile(settings.workDir(), "ingest-", ".csv");
        boolean ok = false;
        try {
            Utf8Guard guard = new Utf8Guard(body, settings.maxBytes());
            Reader reader = new BufferedReader(new InputStreamReader(guard, StandardCharsets.UTF_8), 1 << 16);
            FirstPass first;
            try (Spool.Writer w = new Spool.Writer(spool)) {
                first = format == SourceFormat.CSV ? csvPass(reader, w, options.onError())
                        : ndjsonPass(reader, w);
            } catch (Utf8Guard.Failure f) {
                throw f.cause;
            }
            IngestResult result = secondPass(first, spool, output, options, guard.bytesRead());
            ok = true;
            return result;
        } finally {
            Files.deleteIfExists(spool);
            if (!ok) {
                Files.deleteIfExists(output);
            }
        }
    }

    /** Normalised records and their encoded spool bytes, handed from the reading thread to pass 1. */
    static final class RawBatch {
        static final int CAPACITY = 1024;
        final String[][] values;
        final boolean[] kept = new boolean[CAPACITY];
        final Spool.Encoder spool = new Spool.Encoder();
        final int width;
        int n;

        RawBatch(int width) {
            this.width = width;
            this.values = new String[CAPACITY][width];
        }

        /** Reads up to CAPACITY records; false when the input is exhausted. */
        boolean fill(CsvTokenizer csv, ErrorPolicy policy) throws IOException, IngestException {
            n = 0;
            spool.clear();
            while (n < CAPACITY) {
                if (!csv.next()) {
                    return false;
                }
                int count = csv.count();
                long line = csv.recordLine();
                String[] f = csv.fields();
                int r = n++;
                kept[r] = false;
                if (count > width) {
                    if (policy == ErrorPolicy.DROP_ROW) {
                        spool.dropped(line, count + " fields, the header has " + width);
                        continue;
                    }
                    throw IngestException.malformed(line, count + " fields, the header has " + width
                            + (policy == ErrorPolicy.NULL_CELL ? " (use onError=drop-row to drop such rows)" : ""));
                }
                if (count < width) {
                    if (policy == ErrorPolicy.FAIL) {
                        throw IngestException.malformed(line, count + " fields, the header has " + width
                                + " (onError=fail)");
                    }
                    if (policy == ErrorPolicy.DROP_ROW) {
                        spool.dropped(line, "missing " + (width - count) + " field(s)");
                        continue;
                    }
                }
                String[] v = values[r];
                for (int i = 0; i < width; i++) {
                    v[i] = i < count ? Values.normalize(f[i]) : null;
                }
                kept[r] = true;
                spool.row(line, width - count, v, width);
            }
            return true;
        }
    }

    /** What pass 1 hands to pass 2. */
    private record FirstPass(List<String> columns, List<ColumnStats> stats, long records) {
    }

    private FirstPass csvPass(Reader reader, Spool.Writer spool, ErrorPolicy policy)
            throws IOException, IngestException {
        CsvTokenizer csv = new CsvTokenizer(reader, settings.maxCellChars(), settings.maxColumns());
        if (!csv.next()) {
            throw new IngestException(IngestException.Kind.EMPTY, 0, null,
                    "the upload is empty: a CSV needs a header line naming its columns");
        }
        List<String> columns = new ArrayList<>(csv.count());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < csv.count(); i++) {
            String name = csv.fields()[i].strip();
            if (name.isEmpty()) {
                throw new IngestException(IngestException.Kind.MALFORMED, csv.recordLine(), null,
                        "line " + csv.recordLine() + ": column " + (i + 1) + " of the header has no name");
            }
            if (!seen.add(name)) {
                throw new IngestException(IngestException.Kind.MALFORMED, csv.recordLine(), name,
                        "line " + csv.recordLine() + ": column " + (i + 1) + " repeats the name '" + name + "'");
            }
            columns.add(name);
        }
        int width = columns.size();
        List<ColumnStats> stats = new ArrayList<>(width);
        for (String c : columns) {
            stats.add(new ColumnStats(c, settings.maxCategories()));
        }
        long records = 0;
        // tokenizing, ragged-row checks, normalisation and spool encoding run on a second thread; this one keeps the
        // per-column statistics and writes the spool
        try (BatchPipe<RawBatch> pipe = new BatchPipe<>("lepton-ingest-read", () -> new RawBatch(width), 4,
                batch -> batch.fill(csv, policy))) {
            RawBatch batch;
            while ((batch = pipe.take()) != null) {
                records += batch.n;
                for (int r = 0; r < batch.n; r++) {
                    if (!batch.kept[r]) {
                        continue;
                    }
                    String[] v = batch.values[r];
                    for (int i = 0; i < width; i++) {
                        if (v[i] != null) {
                            stats.get(i).add(v[i]);
                        }
                    }
                }
                spool.write(batch.spool);
                pipe.release(batch);
            }
        }
        return new FirstPass(columns, stats, records);
    }

    private FirstPass ndjsonPass(Reader reader, Spool.Writer spool) throws IOException, IngestException {
        NdjsonReader nd = new NdjsonReader(reader, settings.maxColumns(), settings.maxCellChars());
        Spool.Encoder encoder = new Spool.Encoder();
        List<ColumnStats> stats = new ArrayList<>();
        String[] row = new String[16];
        long records = 0;
        while (nd.next()) {
            records++;
            int width = nd.columns().size();
            while (stats.size() < width) {
                stats.add(new ColumnStats(nd.columns().get(stats.size()), settings.maxCategories()));
            }
            if (row.length < width) {
                row = Arrays.copyOf(row, Math.max(width, row.length * 2));
            }
            String[] f = nd.values();
            for (int i = 0; i < width; i++) {
                String v = Values.normalize(f[i]);
                row[i] = v;
                if (v != null) {
                    stats.get(i).add(v);
                }
            }
            encoder.row(nd.recordLine(), 0, row, width);
            if (encoder.length() > 1 << 16) {
                spool.write(encoder);
                encoder.clear();
            }
        }
        spool.write(encoder);
        if (records == 0) {
            throw new IngestException(IngestException.Kind.EMPTY, 0, null,
                    "the upload is empty: NDJSON needs at least one JSON object");
        }
        return new FirstPass(List.copyOf(nd.columns()), stats, records);
    }

    /** Rows coerced, encoded and hashed by the cooking thread, handed to the writer (the caller's thread). */
    static final class CookedBatch {
        static final int CAPACITY = 1024;
        final String[][] out;
        final double[][] numbers;
        final long[][] seconds;
        final long[][] nanos;
        final RowEncoder rows = new RowEncoder(1 << 16);
        final int[] end = new int[CAPACITY];
        final long[] h1 = new long[CAPACITY];
        final long[] h2 = new long[CAPACITY];
        final long[] hash = new long[2];
        int n;

        CookedBatch(int width) {
            out = new String[CAPACITY][width];
            numbers = new double[CAPACITY][width];
            seconds = new long[CAPACITY][width];
            nanos = new long[CAPACITY][width];
        }
    }

    /**
     * Pass 2's first half, on its own thread: reads the spool, replaces personal data, coerces cells and applies the
     * error policy. It owns the rejection bookkeeping, which the caller reads after the pipe has ended.
     */
    private final class Cook {
        final Spool.Reader spool;
        final List<String> columns;
        final ColumnType[] types;
        final boolean[] replace;
        final IngestOptions options;
        final PiiMasker masker;
        final Coercer coercer = new Coercer();
        final List<RejectedCell> sample = new ArrayList<>();
        long rejected;
        long dataRow;

        Cook(Spool.Reader spool, List<String> columns, ColumnType[] types, boolean[] replace, IngestOptions options) {
            this.spool = spool;
            this.columns = columns;
            this.types = types;
            this.replace = replace;
            this.options = options;
            this.masker = new PiiMasker(options.pii() == PiiPolicy.HASH ? options.piiHashKey() : null);
        }

        void reject(long line, String column, String value, String reason) {
            rejected++;
            if (sample.size() < settings.rejectedSampleSize()) {
                sample.add(new RejectedCell(dataRow, line, column, value, reason));
            }
        }

        boolean fill(CookedBatch b) throws IOException, IngestException {
            b.n = 0;
            b.rows.clear();
            int width = columns.size();
            ErrorPolicy policy = options.onError();
            rows:
            while (b.n < CookedBatch.CAPACITY) {
                if (!spool.next()) {
                    return false;
                }
                dataRow++;
                if (spool.tag == Spool.DROPPED) {
                    reject(spool.line, null, null, spool.reason);
                    continue;
                }
                if (spool.missing > 0) {
                    reject(spool.line, null, null, "missing " + spool.missing + " field(s)");
                }
                String[] v = spool.values;
                int present = spool.count;
                String[] out = b.out[b.n];
                for (int i = 0; i < width; i++) {
                    String value = i < present ? v[i] : null;
                    if (value == null) {
                        out[i] = null;
                        continue;
                    }
                    if (replace[i]) {
                        out[i] = options.pii() == PiiPolicy.HASH ? masker.hash(value) : PiiMasker.mask(value);
                        continue;
                    }
                    String c = coercer.coerce(types[i], value);
                    if (c == null) {
                        String column = columns.get(i);
                        if (policy == ErrorPolicy.FAIL) {
                            throw new IngestException(IngestException.Kind.BAD_CELL, spool.line, column,
                                    "line " + spool.line + ", column '" + column + "': " + Coercer.reason(types[i])
                                            + ": '" + preview(value) + "' (onError=fail)");
                        }
                        reject(spool.line, column, preview(value), Coercer.reason(types[i]));
                        if (policy == ErrorPolicy.DROP_ROW) {
                            continue rows;
                        }
                        out[i] = null;
                        continue;
                    }
                    out[i] = c;
                    b.numbers[b.n][i] = coercer.number;
                    b.seconds[b.n][i] = coercer.epochSecond;
                    b.nanos[b.n][i] = coercer.nanos;
                }
                int start = b.rows.length();
                b.rows.beginRow();
                for (int i = 0; i < width; i++) {
                    if (out[i] == null && width == 1) {
                        b.rows.quotedEmptyCell();
                    } else {
                        b.rows.cell(out[i]);
                    }
                }
                b.rows.endRow();
                Murmur3.hash128(b.rows.bytes(), start, b.rows.length() - start, 0x5eed, b.hash);
                b.h1[b.n] = b.hash[0];
                b.h2[b.n] = b.hash[1];
                b.end[b.n] = b.rows.length();
                b.n++;
            }
            return true;
        }
    }

    private IngestResult secondPass(FirstPass first, Path spoolFile, Path output, IngestOptions options,
            long bytesRead) throws IOException, IngestException {
        int width = first.columns().size();
        TypeInference inference = new TypeInference(settings.typeThreshold(), settings.maxCategories());
        ColumnType[] types = new ColumnType[width];
        boolean[] replace = new boolean[width];
        List<ColumnSchema> schema = new ArrayList<>(width);
        List<ColumnProfiler> profilers = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            ColumnStats s = first.stats().get(i);
            List<String> tags = TypeInference.piiTags(s);
            replace[i] = !tags.isEmpty() && options.pii() != PiiPolicy.KEEP;
            types[i] = replace[i] ? inference.stringType(s) : inference.decide(s);
            schema.add(new ColumnSchema(first.columns().get(i), types[i], tags));
            profilers.add(new ColumnProfiler(first.columns().get(i), types[i]));
        }
        RowHashSet seen = new RowHashSet(1 << 16);
        long duplicates = 0;
        long kept = 0;
        long[] index = new long[64];
        int indexSize = 0;
        String canonicalSha;
        long canonicalBytes;
        Cook cook;
        try (Spool.Reader spool = new Spool.Reader(spoolFile); CanonicalWriter w = new CanonicalWriter(output)) {
            cook = new Cook(spool, first.columns(), types, replace, options);
            w.header(first.columns());
            try (BatchPipe<CookedBatch> pipe = new BatchPipe<>("lepton-ingest-cook", () -> new CookedBatch(width), 4,
                    cook::fill)) {
                CookedBatch b;
                while ((b = pipe.take()) != null) {
                    byte[] bytes = b.rows.bytes();
                    for (int r = 0; r < b.n; r++) {
                        if (!seen.add(b.h1[r], b.h2[r])) {
                            duplicates++;
                            continue;
                        }
                        if (kept % settings.rowIndexInterval() == 0) {
                            if (indexSize == index.length) {
                                index = Arrays.copyOf(index, indexSize * 2);
                            }
                            index[indexSize++] = w.offset();
                        }
                        int from = r == 0 ? 0 : b.end[r - 1];
                        w.write(bytes, from, b.end[r] - from);
                        kept++;
                        String[] out = b.out[r];
                        double[] numbers = b.numbers[r];
                        long[] seconds = b.seconds[r];
                        long[] nanos = b.nanos[r];
                        for (int i = 0; i < width; i++) {
                            if (out[i] == null) {
                                profilers.get(i).addNull();
                            } else {
                                profilers.get(i).add(out[i], numbers[i], seconds[i], nanos[i]);
                            }
                        }
                    }
                    pipe.release(b);
                }
            }
            canonicalBytes = w.offset();
            canonicalSha = w.sha256();
        }
        List<ColumnProfile> profile = new ArrayList<>(width);
        for (ColumnProfiler p : profilers) {
            profile.add(p.result());
        }
        return new IngestResult(output, canonicalSha, canonicalBytes, kept, schema, duplicates, cook.rejected,
                List.copyOf(cook.sample), profile, Arrays.copyOf(index, indexSize), bytesRead, first.records());
    }

    private static String preview(String value) {
        return value.length() <= VALUE_PREVIEW ? value : value.substring(0, VALUE_PREVIEW);
    }
}
