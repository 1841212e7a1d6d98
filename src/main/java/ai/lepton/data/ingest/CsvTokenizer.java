package ai.lepton.data.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A streaming RFC 4180 tokenizer: comma-separated, {@code "}-quoted fields with {@code ""} escapes, quoted fields may
 * span lines, LF / CRLF / CR line ends. It tracks physical line numbers so errors can name them, and bounds field
 * length and field count so a stray quote cannot make it buffer a whole file.
 */
public final class CsvTokenizer {

    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private final int maxCellChars;
    private final int maxColumns;

    private long line = 1;
    private long recordLine;
    private String[] fields = new String[16];
    private int count;
    private char[] acc = new char[256];
    private int accLen;

    public CsvTokenizer(Reader in, int maxCellChars, int maxColumns) {
        this.in = in;
        this.maxCellChars = maxCellChars;
        this.maxColumns = maxColumns;
    }

    /** Physical line on which the current record starts. */
    public long recordLine() {
        return recordLine;
    }

    /** Number of fields of the current record. */
    public int count() {
        return count;
    }

    /** The fields of the current record (valid until the next call to {@link #next()}). */
    public String[] fields() {
        return fields;
    }

    /** Reads the next non-blank record; false at the end of input. */
    public boolean next() throws IOException, IngestException {
        while (true) {
            if (pos >= lim && !fill()) {
                return false;
            }
            recordLine = line;
            count = 0;
            boolean quotedSeen = readRecord();
            boolean blank = count == 1 && !quotedSeen && fields[0].isBlank();
            if (!blank) {
                return true;
            }
            if (pos >= lim && !fill()) {
                return false;
            }
        }
    }

    /** Reads fields up to the end of the line; returns whether any field was quoted. */
    private boolean readRecord() throws IOException, IngestException {
        boolean quotedSeen = false;
        while (true) {
            int c = peek();
            String value;
            if (c == '"') {
                quotedSeen = true;
                pos++;
                value = quoted();
                c = peek();
                if (c != ',' && c != '\n' && c != '\r' && c != -1) {
                    throw IngestException.malformed(line, "unexpected character '" + (char) c
                            + "' after the closing quote of field " + (count + 1) + " (a quote inside a quoted field "
                            + "must be doubled)");
                }
            } else {
                value = unquoted();
                c = peek();
            }
            add(value);
            if (c == ',') {
                pos++;
                continue;
            }
            // end of line or end of input
            if (c == '\r') {
                pos++;
                if (peek() == '\n') {
                    pos++;
                }
                line++;
            } else if (c == '\n') {
                pos++;
                line++;
            }
            return quotedSeen;
        }
    }

    private String unquoted() throws IOException, IngestException {
        int start = pos;
        while (true) {
            while (pos < lim) {
                char ch = buf[pos];
                if (ch == ',' || ch == '\n' || ch == '\r') {
                    if (accLen == 0) {
                        checkLength(pos - start);
                        return new String(buf, start, pos - start);
                    }
                    append(buf, start, pos - start);
                    String s = new String(acc, 0, accLen);
                    accLen = 0;
                    return s;
                }
                pos++;
            }
            // the field continues past the buffer: keep what we have and refill
            append(buf, start, pos - start);
            if (!fill()) {
                String s = new String(acc, 0, accLen);
                accLen = 0;
                return s;
            }
            start = pos;
        }
    }

    private String quoted() throws IOException, IngestException {
        long startLine = line;
        accLen = 0;
        while (true) {
            if (pos >= lim && !fill()) {
                throw IngestException.malformed(startLine, "unbalanced quote: the quoted field that starts on line "
                        + startLine + " is never closed");
            }
            int start = pos;
            while (pos < lim) {
                char ch = buf[pos];
                if (ch == '"') {
                    append(buf, start, pos - start);
                    pos++;
                    if (peek() == '"') {
                        append(buf, pos, 1);
                        pos++;
                        start = pos;
                        continue;
                    }
                    String s = new String(acc, 0, accLen);
                    accLen = 0;
                    return s;
                }
                if (ch == '\n') {
                    line++; // inside quotes only LF counts, so CRLF is one line even across a buffer edge
                }
                pos++;
            }
            append(buf, start, pos - start);
        }
    }

    private void add(String value) throws IngestException {
        if (count >= maxColumns) {
            throw IngestException.malformed(recordLine, "more than " + maxColumns + " fields (the column limit)");
        }
        if (count == fields.length) {
            fields = Arrays.copyOf(fields, Math.min(fields.length * 2, maxColumns));
        }
        fields[count++] = value;
    }

    private void append(char[] src, int from, int len) throws IngestException {
        if (len == 0) {
            return;
        }
        checkLength(accLen + len);
        if (accLen + len > acc.length) {
            acc = Arrays.copyOf(acc, Math.max(acc.length * 2, accLen + len));
        }
        System.arraycopy(src, from, acc, accLen, len);
        accLen += len;
    }

    private void checkLength(int len) throws IngestException {
        if (len > maxCellChars) {
            throw IngestException.malformed(recordLine, "field " + (count + 1) + " is longer than " + maxCellChars
                    + " characters (an unclosed quote often causes this)");
        }
    }

    private int peek() throws IOException {
        if (pos >= lim && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            pos = 0;
            lim = 0;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
