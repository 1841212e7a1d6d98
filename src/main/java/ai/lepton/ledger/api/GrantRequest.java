package ai.lepton.ledger.api;

/**
 * A dataset owner's permission for another project to use one of its datasets for one purpose until an instant.
 *
 * @param dataset a dataset of the granting project (its name, without the project)
 * @param grantee the project granted access (a slug, not the owner)
 * @param purpose what for: a slug such as {@code training}, {@code evaluation}, {@code inference}
 * @param expiresAt ISO-8601 instant in the future; access ends there (exclusive)
 */
public record GrantRequest(String dataset, String grantee, String purpose, String expiresAt) {
}
