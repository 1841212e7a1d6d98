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
        return new BadRequest(detail);
    }

    public static ProblemException validation(List<FieldError> errors) {
        return new Validation(errors);
    }

    /** A 400 validation problem about one field. */
    public static ProblemException invalid(String field, String message) {
        return new Validation(List.of(new FieldError(field, message)));
    }

    public static ProblemException unauthorized(String detail) {
        return new Unauthorized(detail);
    }

    public static ProblemException forbidden(String detail) {
        return new Forbidden(detail);
    }

    public static ProblemException notFound(String detail) {
        return new NotFound(detail);
    }

    public static ProblemException conflict(String detail) {
        return new Conflict(detail);
    }

    public static ProblemException payloadTooLarge(String detail) {
        return new PayloadTooLarge(detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new UnsupportedMediaType(detail);
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new RateLimited(detail).with("retryAfterSeconds", retryAfterSeconds);
    }

    // One subclass per common problem type: GraphQL derives extensions.code from the class's simple name
    // (NotFound -> "not-found"), so GraphQL errors carry the same type slug as REST problems.

    /** 400 bad-request. */
    public static final class BadRequest extends ProblemException {
        public BadRequest(String detail) {
            super(400, "bad-request", "Bad request", detail);
        }
    }

    /** 400 validation, with one entry per invalid field. */
    public static final class Validation extends ProblemException {
        public Validation(List<FieldError> errors) {
            super(400, "validation", "Invalid request", errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid", errors, Map.of());
        }
    }

    /** 401 unauthorized. */
    public static final class Unauthorized extends ProblemException {
        public Unauthorized(String detail) {
            super(401, "unauthorized", "Missing or invalid API key", detail);
        }
    }

    /** 403 forbidden. */
    public static final class Forbidden extends ProblemException {
        public Forbidden(String detail) {
            super(403, "forbidden", "Not allowed", detail);
        }
    }

    /** 404 not-found. */
    public static final class NotFound extends ProblemException {
        public NotFound(String detail) {
            super(404, "not-found", "Not found", detail);
        }
    }

    /** 409 conflict. */
    public static final class Conflict extends ProblemException {
        public Conflict(String detail) {
            super(409, "conflict", "Conflict", detail);
        }
    }

    /** 413 payload-too-large. */
    public static final class PayloadTooLarge extends ProblemException {
        public PayloadTooLarge(String detail) {
            super(413, "payload-too-large", "Payload too large", detail);
        }
    }

    /** 415 unsupported-media-type. */
    public static final class UnsupportedMediaType extends ProblemException {
        public UnsupportedMediaType(String detail) {
            super(415, "unsupported-media-type", "Unsupported media type", detail);
        }
    }

    /** 429 rate-limited. */
    public static final class RateLimited extends ProblemException {
        public RateLimited(String detail) {
            super(429, "rate-limited", "Too many requests", detail);
        }
    }
}
