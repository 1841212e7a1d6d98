package ai.lepton.ledger.chaincode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of transaction arguments. Every argument arrives as a string; anything that does not match its grammar
 * exactly is refused with {@link ErrorCode#INVALID_ARGUMENT}, so that one thing has one spelling on the ledger (no
 * leading zeros, no upper-case hex, no padding).
 */
final class Args {

    /** A slug as a regular expression: the platform's URL names (projects, datasets). */
    private static final String NAME = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    private static final String KIND = "[a-z][a-z0-9-]{0,30}";

    /** Project, dataset, purpose, unit and other names: as the platform's URL slugs. */
    static final Pattern SLUG = Pattern.compile(NAME);

    /**
     * An anchored subject: {@code <kind>:<name>[/<name>]{0,3}/<version>}, names being slugs, for example
     * {@code dataset:acme/sales/3} or {@code model:churn/3}.
     */
    static final Pattern SUBJECT =
            Pattern.compile("(" + KIND + "):(" + NAME + "(?:/" + NAME + "){0,3})/([1-9][0-9]{0,17})");

    /**
     * Every version of a subject: the version written as {@code *}, e.g. {@code dataset:acme/sales/*} (a bare
     * {@code dataset:acme/sales} would be ambiguous, since a name may be all digits).
     */
    static final Pattern ALL_VERSIONS = Pattern.compile("(" + KIND + ":" + NAME + "(?:/" + NAME + "){0,3})/\\*");

    /** A SHA-256 digest or Merkle root: 64 lower-case hex digits. */
    static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Lease ids: chosen by the provider, so that a retried offer is recognised. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** MSP ids. */
    static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /** A dataset as {@code <owner project>/<dataset>}. */
    static final Pattern DATASET = Pattern.compile("(" + NAME + ")/(" + NAME + ")");

    /** ISO 4217 currency code. */
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    /** Largest metadata document accepted, in characters. */
    static final int MAX_METADATA_CHARS = 16_384;

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    private Args() {
    }

    static String match(String name, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("%s %s does not match %s", name, quote(value), pattern.pattern());
        }
        return value;
    }

    /** A non-negative integer in plain decimal (no sign, no leading zeros) within {@code [min, max]}. */
    static long integer(String name, String value, long min, long max) {
        if (value == null || !DECIMAL.matcher(value).matches()) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("%s %s is not a plain decimal integer", name, quote(value));
        }
        long n;
        try {
            n = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("%s %s is too large", name, quote(value));
        }
        return range(name, n, min, max);
    }

    static long range(String name, long n, long min, long max) {
        if (n < min || n > max) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("%s %d is outside [%d, %d]", name, n, min, max);
        }
        return n;
    }

    /** An ISO-8601 instant such as {@code 2026-01-31T00:00:00Z}. */
    static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("%s %s is not an ISO-8601 instant", name, quote(value));
        }
    }

    /**
     * Caller-supplied metadata: a JSON object of at most {@value #MAX_METADATA_CHARS} characters, returned in its
     * canonical form. The empty string stands for {@code {}}.
     */
    static String metadata(String value) {
        if (value == null || value.isEmpty()) {
            return "{}";
        }
        if (value.length() > MAX_METADATA_CHARS) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("metadata is longer than %d characters", MAX_METADATA_CHARS);
        }
        Map<String, Object> parsed;
        try {
            parsed = Json.parseObject(value);
        } catch (Json.ParseException e) {
            throw ErrorCode.INVALID_ARGUMENT.refuse("metadata is not a JSON object: %s", e.getMessage());
        }
        return Json.write(parsed);
    }

    static String quote(String value) {
        if (value == null) {
            return "(missing)";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return '"' + shown + '"';
    }
}
