package ai.lepton.platform.api;

/** Facade other modules use to resolve and authorise the project named in a request. */
public interface Projects {

    /**
     * Resolves a project for the current principal. A project that does not exist, or that the principal's key may
     * not see, is reported as 404 (never 403, which would leak its existence); a visible project on which the role
     * lacks the action gives 403.
     */
    ProjectRef authorize(String project, Action action);

    /**
     * {@link #authorize} when the answer needs no database read (the project is already known to this process), so
     * that a caller on an I/O thread can stay there; empty when it would have to read. Throws like {@code authorize}.
     */
    java.util.Optional<ProjectRef> authorizeWithoutBlocking(String project, Action action);

    /**
     * The project with this id, for background work that was authorised when it was submitted (a training job, for
     * instance). Never use it to serve a request.
     */
    ProjectRef byId(long id);

    /** The project with this name, for background work such as event consumers; empty when there is none. */
    java.util.Optional<ProjectRef> byName(String name);
}
