package ai.lepton.platform.api;

/** A project the current principal was authorised for. Modules key their objects by {@link #id()}. */
public record ProjectRef(long id, String name) {
}
