package ai.lepton.platform.api;

import java.util.List;

/**
 * Validated paging parameters.
 *
 * @param offset index of the first item, at least 0
 * @param limit page size, 1 to the endpoint's maximum
 */
public record PageRequest(long offset, int limit) {

    /** Default page size when a request gives none. */
    public static final int DEFAULT_LIMIT = 50;

    /**
     * Validates query parameters; bad values give a 400 problem naming the parameter.
     *
     * @param maxLimit the largest page this endpoint serves
     */
    public static PageRequest of(Long offset, Integer limit, int maxLimit) {
        long o = offset == null ? 0 : offset;
        int l = limit == null ? Math.min(DEFAULT_LIMIT, maxLimit) : limit;
        if (o < 0) {
            throw ProblemException.invalid("offset", "must be 0 or more, was " + o);
        }
        if (l < 1 || l > maxLimit) {
            throw ProblemException.validation(
                    List.of(new FieldError("limit", "must be between 1 and " + maxLimit + ", was " + l)));
        }
        return new PageRequest(o, l);
    }
}
