package ai.lepton.ml.api;

/**
 * A share of an endpoint's traffic.
 *
 * @param version model version
 * @param weight relative weight (the weights of an endpoint need not sum to 100)
 */
public record Route(int version, int weight) {
}
