package ai.lepton.ledger.chaincode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON for ledger state and transaction results, so that every endorsing peer writes the same bytes.
 *
 * <p>Written form: no whitespace; object members sorted by key in UTF-16 code unit order (as RFC 8785, JCS); strings
 * escaped minimally ({@code \"}, {@code \\}, {@code \b \f \n \r \t}, other control characters as
 * <code>&#92;u00XX</code>), everything else as UTF-8; integers in plain decimal. Non-integral numbers are kept
 * exactly as they were written (after validation), since any re-formatting would be a choice another implementation
 * might make differently.
 *
 * <p>Parsed form: objects are {@code TreeMap<String, Object>}, arrays {@code List<Object>}, strings {@code String},
 * integers {@code BigInteger}, other numbers {@link Decimal}, {@code true}/{@code false} {@code Boolean}, and
 * {@code null} the {@link #NULL} marker (so that "absent" and "null" stay apart). Duplicate keys, trailing content,
 * lone surrogates and nesting deeper than {@value #MAX_DEPTH} are rejected.
 */
final class Json {

    /** Deepest nesting accepted from callers. */
    static final int MAX_DEPTH = 32;

    /** The JSON {@code null} inside parsed values. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** A non-integral number, kept as written. */
    record Decimal(String literal) {
    }

    /** Text that is already canonical JSON (written by {@link #write}), embedded as is. */
    record Raw(String json) {
    }

    private Json() {
    }

    /** A new object builder: members are kept sorted; {@code null} values are left out. */
    static Obj obj() {
        return new Obj();
    }

    /** Fluent, sorted JSON object. */
    static final class Obj {
        private final TreeMap<String, Object> members = new TreeMap<>();

        Obj put(String key, Object value) {
            if (value != null) {
                members.put(key, value);
            }
            return this;
        }

        Map<String, Object> map() {
            return members;
        }

        String write() {
            return Json.write(members);
        }
    }

    // ---------------------------------------------------------------------------------------------------- writing

    /** Writes {@code value} canonically; see the class comment for the accepted types. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null || value == NULL) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof BigInteger || value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Decimal d) {
            out.append(d.literal());
        } else if (value instanceof Raw r) {
            out.append(r.json());
        } else if (value instanceof Obj o) {
            write(o.map(), out);
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, v));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16))
                                .append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    // ---------------------------------------------------------------------------------------------- reading fields

    /** A required string member of a parsed object. */
    static String str(Map<String, Object> o, String key) {
        if (o.get(key) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("member \"" + key + "\" is not a string");
    }

    /** An optional string member: absent or null gives {@code null}. */
    static String optStr(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null || v == NULL ? null : str(o, key);
    }

    /** A required integer member that fits a {@code long}. */
    static long lng(Map<String, Object> o, String key) {
        if (o.get(key) instanceof BigInteger i && i.bitLength() < 64) {
            return i.longValue();
        }
        throw new IllegalArgumentException("member \"" + key + "\" is not a 64-bit integer");
    }

    /** A required boolean member. */
    static boolean bool(Map<String, Object> o, String key) {
        if (o.get(key) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("member \"" + key + "\" is not a boolean");
    }

    /** A required object member. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> o, String key) {
        if (o.get(key) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("member \"" + key + "\" is not an object");
    }

    /** An optional object member: absent or null gives {@code null}. */
    static Map<String, Object> optObject(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null || v == NULL ? null : object(o, key);
    }

    /** A required array member. */
    static List<Object> array(Map<String, Object> o, String key) {
        if (o.get(key) instanceof List<?> l) {
            return List.<Object>copyOf(l);
        }
        throw new IllegalArgumentException("member \"" + key + "\" is not an array");
    }

    // ---------------------------------------------------------------------------------------------------- parsing

    /** Thrown for text that is not JSON, with the offset where parsing stopped. */
    static final class ParseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseException(String message, int offset) {
            super(message + " at offset " + offset);
        }
    }

    /** Parses one JSON value that spans all of {@code text} (surrounding whitespace allowed). */
    static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw new ParseException("trailing content", p.pos);
        }
        return value;
    }

    /** Parses text that must hold a JSON object. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new ParseException("not a JSON object", 0);
        }
        return (Map<String, Object>) value;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void skipWhitespace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new ParseException("nested deeper than " + MAX_DEPTH, pos);
            }
            if (pos >= s.length()) {
                throw new ParseException("unexpected end", pos);
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object(depth);
                case '[' -> array(depth);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", NULL);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield number();
                    }
                    throw new ParseException("unexpected character '" + c + "'", pos);
                }
            };
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw new ParseException("expected " + word, pos);
            }
            pos += word.length();
            return value;
        }

        private Map<String, Object> object(int depth) {
            pos++;
            TreeMap<String, Object> members = new TreeMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return members;
            }
            while (true) {
                skipWhitespace();
                if (peek() != '"') {
                    throw new ParseException("expected a member name", pos);
                }
                int at = pos;
                String key = string();
                skipWhitespace();
                expect(':');
                skipWhitespace();
                Object value = value(depth + 1);
                if (members.put(key, value) != null) {
                    throw new ParseException("duplicate member \"" + key + "\"", at);
                }
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == '}') {
                    return members;
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or '}'", pos - 1);
                }
            }
        }

        private List<Object> array(int depth) {
            pos++;
            List<Object> items = new ArrayList<>();
            skipWhitespace();
            if (peek() == ']') {
                pos++;
                return Collections.unmodifiableList(items);
            }
            while (true) {
                skipWhitespace();
                items.add(value(depth + 1));
                skipWhitespace();
                char c = peek();
                pos++;
                if (c == ']') {
                    return Collections.unmodifiableList(items);
                }
                if (c != ',') {
                    throw new ParseException("expected ',' or ']'", pos - 1);
                }
            }
        }

        private String string() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw new ParseException("unterminated string", pos);
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw new ParseException("control character in string", pos - 1);
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw new ParseException("unterminated escape", pos);
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw new ParseException("short \\u escape", pos);
                        }
                        int code = 0;
                        for (int i = 0; i < 4; i++) {
                            int digit = Character.digit(s.charAt(pos + i), 16);
                            if (digit < 0) {
                                throw new ParseException("bad \\u escape", pos);
                            }
                            code = code * 16 + digit;
                        }
                        pos += 4;
                        out.append((char) code);
                    }
                    default -> throw new ParseException("bad escape \\" + e, pos - 1);
                }
            }
            String result = out.toString();
            for (int i = 0; i < result.length(); i++) {
                char c = result.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < result.length()
                        && Character.isLowSurrogate(result.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new ParseException("lone surrogate in string", pos);
                }
            }
            return result;
        }

        private Object number() {
            int start = pos;
            if (peek() == '-') {
                pos++;
            }
            if (peek() == '0') {
                pos++;
            } else if (isDigit(peek())) {
                while (isDigit(peek())) {
                    pos++;
                }
            } else {
                throw new ParseException("bad number", start);
            }
            boolean integral = true;
            if (peek() == '.') {
                integral = false;
                pos++;
                if (!isDigit(peek())) {
                    throw new ParseException("bad fraction", pos);
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            if (peek() == 'e' || peek() == 'E') {
                integral = false;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!isDigit(peek())) {
                    throw new ParseException("bad exponent", pos);
                }
                while (isDigit(peek())) {
                    pos++;
                }
            }
            String literal = s.substring(start, pos);
            if (pos - start > 64) {
                throw new ParseException("number longer than 64 characters", start);
            }
            return integral ? new BigInteger(literal) : new Decimal(literal);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new ParseException("expected '" + c + "'", pos);
            }
            pos++;
        }
    }
}
