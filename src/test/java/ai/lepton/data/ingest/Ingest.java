package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.lepton.data.api.ErrorPolicy;
import ai.lepton.data.api.PiiPolicy;
import ai.lepton.data.api.SourceFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Shared helpers for the pipeline tests. */
final class Ingest {

    static final byte[] KEY = "test-installation-key".getBytes(StandardCharsets.UTF_8);

    private Ingest() {
    }

    static IngestOptions options(ErrorPolicy onError) {
        return new IngestOptions(onError, PiiPolicy.KEEP, null);
    }

    static IngestOptions options(ErrorPolicy onError, PiiPolicy pii) {
        return new IngestOptions(onError, pii, KEY);
    }

    static IngestResult csv(Path dir, String text) throws Exception {
        return run(IngestSettings.defaults(dir), bytes(text), SourceFormat.CSV, options(ErrorPolicy.NULL_CELL));
    }

    static IngestResult csv(Path dir, String text, ErrorPolicy policy) throws Exception {
        return run(IngestSettings.defaults(dir), bytes(text), SourceFormat.CSV, options(policy));
    }

    static IngestResult ndjson(Path dir, String text) throws Exception {
        return run(IngestSettings.defaults(dir), bytes(text), SourceFormat.NDJSON, options(ErrorPolicy.NULL_CELL));
    }

    static IngestResult run(IngestSettings settings, byte[] input, SourceFormat format, IngestOptions options)
            throws Exception {
        return new IngestPipeline(settings).run(new ByteArrayInputStream(input), format, options);
    }

    static IngestResult run(IngestSettings settings, InputStream input, SourceFormat format, IngestOptions options)
            throws Exception {
        return new IngestPipeline(settings).run(input, format, options);
    }

    /** Runs and expects an {@link IngestException}; returns it. */
    static IngestException failure(IngestSettings settings, byte[] input, SourceFormat format, IngestOptions options) {
        Throwable t = catchThrowable(() -> run(settings, input, format, options));
        assertThat(t).as("expected an IngestException").isInstanceOf(IngestException.class);
        return (IngestException) t;
    }

    static IngestException csvFailure(Path dir, String text, ErrorPolicy policy) {
        return failure(IngestSettings.defaults(dir), bytes(text), SourceFormat.CSV, options(policy));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    static String content(IngestResult r) throws IOException {
        return Files.readString(r.canonicalFile(), StandardCharsets.UTF_8);
    }

    static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    /** An input stream that hands out at most {@code chunk} bytes per read, like a slow network body. */
    static InputStream trickle(byte[] data, int chunk) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < data.length ? data[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (pos >= data.length) {
                    return -1;
                }
                int n = Math.min(Math.min(len, chunk), data.length - pos);
                System.arraycopy(data, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
