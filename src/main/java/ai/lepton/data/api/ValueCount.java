package ai.lepton.data.api;

/** A value and how many times it occurs. */
public record ValueCount(String value, long count) {
}
