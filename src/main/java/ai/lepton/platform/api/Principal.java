package ai.lepton.platform.api;

/**
 * Who is calling: the API key that authenticated the request.
 *
 * @param keyId database id of the key
 * @param keyName the key's human name
 * @param role its role
 * @param projectId the project it is scoped to, or {@code null} for an installation-wide key
 * @param project that project's name, or {@code null}
 */
public record Principal(long keyId, String keyName, Role role, Long projectId, String project) {

    /** An installation-wide admin sees and manages every project. */
    public boolean installationAdmin() {
        return projectId == null && role == Role.ADMIN;
    }

    /** Whether this principal may see the given project at all. */
    public boolean canSee(long otherProjectId) {
        return installationAdmin() || (projectId != null && projectId == otherProjectId);
    }
}
