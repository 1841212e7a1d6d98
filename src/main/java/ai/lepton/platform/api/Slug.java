package ai.lepton.platform.api;

/** Names that appear in URLs (projects, datasets): lower-case letters, digits and inner hyphens, 1 to 63 long. */
public final class Slug {

    /** The pattern, usable in {@code @Pattern}. */
    public static final String REGEX = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";

    /** The message shown when a name does not match. */
    public static final String MESSAGE = "must be 1-63 lower-case letters, digits or hyphens, starting and ending with a letter or digit";

    private Slug() {
    }
}
