package ai.lepton.platform.api;

/**
 * One invalid input in a validation problem.
 *
 * @param field the JSON field, query parameter or header at fault (dotted path for nested fields)
 * @param message what is wrong with it
 */
public record FieldError(String field, String message) {
}
