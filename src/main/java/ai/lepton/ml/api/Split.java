package ai.lepton.ml.api;

/**
 * How rows are divided: fractions of train, validation and test (summing to 1) and the seed of the shuffle.
 * Classification splits are stratified by label.
 */
public record Split(double train, double validation, double test, long seed) {

    /** 70 / 10 / 20 with seed 42. */
    public static Split defaults() {
        return new Split(0.7, 0.1, 0.2, 42);
    }
}
