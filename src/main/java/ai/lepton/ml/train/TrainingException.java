package ai.lepton.ml.train;

/** A training request or run that cannot proceed; {@link #field()} names the request field at fault, if any. */
public final class TrainingException extends Exception {

    private final String field;

    public TrainingException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
