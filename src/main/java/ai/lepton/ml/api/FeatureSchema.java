package ai.lepton.ml.api;

import java.util.List;

/**
 * One input of a model.
 *
 * @param name the column name, which is also the key of the instance field at prediction time
 * @param kind {@code numeric} (integer, decimal, boolean as 0/1, timestamp as epoch seconds) or {@code categorical}
 *     (one-hot encoded)
 * @param type the dataset column type it came from
 * @param categories the values seen in training, for categorical features (others predict as all-zero)
 */
public record FeatureSchema(String name, String kind, String type, List<String> categories) {
}
