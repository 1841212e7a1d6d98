package ai.lepton.ledger.api;

/**
 * A project asking whether it may use a dataset for a purpose now.
 *
 * @param dataset {@code <owner project>/<dataset>}
 * @param purpose what for (a slug)
 */
public record AccessCheck(String dataset, String purpose) {
}
