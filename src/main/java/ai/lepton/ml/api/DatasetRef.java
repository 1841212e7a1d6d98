package ai.lepton.ml.api;

/**
 * The exact data a model was trained on (lineage).
 *
 * @param name dataset name
 * @param version dataset version number
 * @param sha256 the version's content digest
 */
public record DatasetRef(String name, int version, String sha256) {
}
