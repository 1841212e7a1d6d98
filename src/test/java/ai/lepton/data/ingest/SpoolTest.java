package ai.lepton.data.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryStringExactlyIncludingLoneSurrogates() throws Exception {
        String[] values = {"plain", "", null, "caf\u00e9", "\u65e5\u672c", "\uD83D\uDE00", "x\uD800y", "\uDC00",
            "end\uD83D", "\uDE00\uD83D", "what?", "?\uD800", "\uD83F",
            "\ud55c\uae00 \uD83D\uDE00 \u00ff", "\u0000\u007f\u0080\u07ff\u0800\uffff"};
        Path file = dir.resolve("s.spool");
        try (Spool.Writer w = new Spool.Writer(file)) {
            Spool.Encoder e = new Spool.Encoder();
            e.row(7, 1, values, values.length);
            e.dropped(9, "bad \uD800 row");
            w.write(e);
        }
        try (Spool.Reader r = new Spool.Reader(file)) {
            assertThat(r.next()).isTrue();
            assertThat(r.tag).isEqualTo(Spool.ROW);
            assertThat(r.line).isEqualTo(7);
            assertThat(r.missing).isEqualTo(1);
            assertThat(r.count).isEqualTo(values.length);
            for (int i = 0; i < values.length; i++) {
                assertThat(r.values[i]).as("value %d", i).isEqualTo(values[i]);
            }
            assertThat(r.next()).isTrue();
            assertThat(r.tag).isEqualTo(Spool.DROPPED);
            assertThat(r.reason).isEqualTo("bad \uD800 row");
            assertThat(r.next()).isFalse();
        }
    }
}
