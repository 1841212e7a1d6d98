package ai.lepton.data.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads newline-delimited JSON: one object per line, blank lines skipped. Columns are the union of keys in the order
 * they are first seen; a row's values are aligned to that order (keys first seen later are null in earlier rows).
 */
public final class NdjsonReader {

    private static final int MAX_LINE = 16 * 1024 * 1024;
    private final Reader in;
    private final JsonFactory factory = new JsonFactory();
    // nested numbers keep their exact value (not rounded through double: 1.50 stays 1.50, 1e400 stays a number)
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private char[] lineBuf = new char[1024];
    private int lineLen;
    private long line;
    private long recordLine;
    private final int maxColumns;
    private final int maxCellChars;
    private final Map<String, Integer> index = new HashMap<>();
    private final List<String> columns = new ArrayList<>();
    private String[] values = new String[16];

    public NdjsonReader(Reader in, int maxColumns, int maxCellChars) {
        this.in = in;
        this.maxColumns = maxColumns;
        this.maxCellChars = maxCellChars;
    }

    /** Columns seen so far, in first-seen order. */
    public List<String> columns() {
        return columns;
    }

    /** Values of the current row by column index; entries at or past {@link #columns()}' size are unused. */
    public String[] values() {
        return values;
    }

    public long recordLine() {
        return recordLine;
    }

    public boolean next() throws IOException, IngestException {
        while (readLine()) {
            line++;
            if (isBlank()) {
                continue;
            }
            recordLine = line;
            Arrays.fill(values, 0, Math.min(values.length, columns.size()), null);
            parse();
            return true;
        }
        return false;
    }

    private void parse() throws IOException, IngestException {
        try (JsonParser p = factory.createParser(lineBuf, 0, lineLen)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw IngestException.malformed(line, "expected a JSON object, found " + describe(t));
            }
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                String text;
                switch (v) {
                    case VALUE_NULL -> text = null;
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> text = p.getText();
                    case VALUE_TRUE -> text = "true";
                    case VALUE_FALSE -> text = "false";
                    case START_OBJECT, START_ARRAY -> text = mapper.writeValueAsString(mapper.readTree(p));
                    default -> throw IngestException.malformed(line, "unexpected " + describe(v));
                }
                if (text != null && text.length() > maxCellChars) {
                    throw IngestException.malformed(line, "the value of '" + key + "' is longer than " + maxCellChars
                            + " characters");
                }
                if (hasLoneSurrogate(key) || (text != null && hasLoneSurrogate(text))) {
                    // a JSON \\u escape can name half a surrogate pair, which has no UTF-8 form: the canonical
                    // content must stay valid UTF-8, like a CSV upload, where such bytes are refused
                    throw IngestException.malformed(line, "the value of '" + key + "' contains an unpaired "
                            + "surrogate escape (\\uD800-\\uDFFF), which is not a character");
                }
                set(key, text);
            }
            if (t != JsonToken.END_OBJECT) {
                throw IngestException.malformed(line, "the JSON object is not complete");
            }
            JsonToken after = p.nextToken();
            if (after != null) {
                throw IngestException.malformed(line, "more than one JSON value on the line (found "
                        + describe(after) + " after the object)");
            }
        } catch (JsonProcessingException e) {
            // syntax errors, and also the parser's limits (nesting depth, number length), which are not syntax errors
            JsonLocation at = e.getLocation();
            throw IngestException.malformed(line, "invalid JSON" + (at == null ? "" : " at character "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
    }

    private void set(String key, String value) throws IngestException {
        Integer i = index.get(key);
        if (i == null) {
            if (key.isBlank()) {
                // like a CSV header: the canonical file's header must name every column
                throw IngestException.malformed(line, "a key is empty; every column needs a name");
            }
            if (columns.size() >= maxColumns) {
                throw IngestException.malformed(line, "more than " + maxColumns + " distinct keys (the column limit)");
            }
            i = columns.size();
            index.put(key, i);
            columns.add(key);
            if (i >= values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[i] = null;
        }
        values[i] = value;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private boolean isBlank() {
        for (int i = 0; i < lineLen; i++) {
            if (!Character.isWhitespace(lineBuf[i])) {
                return false;
            }
        }
        return true;
    }

    /** Reads up to the next LF (a trailing CR is dropped); false at the end of input. */
    private boolean readLine() throws IOException, IngestException {
        lineLen = 0;
        boolean any = false;
        while (true) {
            if (pos >= lim) {
                if (eof || !fill()) {
                    return any;
                }
            }
            any = true;
            int start = pos;
            while (pos < lim && buf[pos] != '\n') {
                pos++;
            }
            appendLine(start, pos - start);
            if (pos < lim) {
                pos++; // the newline
                if (lineLen > 0 && lineBuf[lineLen - 1] == '\r') {
                    lineLen--;
                }
                return true;
            }
        }
    }

    private void appendLine(int from, int len) throws IngestException {
        if (lineLen + len > MAX_LINE) {
            throw IngestException.malformed(line + 1, "the line is longer than " + MAX_LINE + " characters");
        }
        if (lineLen + len > lineBuf.length) {
            lineBuf = Arrays.copyOf(lineBuf, Math.max(lineBuf.length * 2, lineLen + len));
        }
        System.arraycopy(buf, from, lineBuf, lineLen, len);
        lineLen += len;
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
