package ai.lepton.platform.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error the client can act on, rendered as RFC 9457 {@code application/problem+json} by the platform's single
 * mapper. The {@link #type()} slug is stable: clients may switch on it ({@code https://lepton.ai/problems/<type>}).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of(), Map.of());
    }

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors,
            Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = new LinkedHashMap<>(extensions);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Extra members of the problem object, e.g. {@code line} and {@code column} of a malformed upload. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public ProblemException with(String member, Object value) {
        extensions.put(member, value);
        return this;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail);
    }

    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "validation", "Invalid request", detail, errors, Map.of());
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Missing or invalid API key", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new ProblemException(413, "payload-too-large", "Payload too large", detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "rate-limited", "Too many requests", detail)
                .with("retryAfterSeconds", retryAfterSeconds);
    }
}
