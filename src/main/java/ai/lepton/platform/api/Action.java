package ai.lepton.platform.api;

/** The kind of access a request needs on a project. */
public enum Action {
    /** Look at objects. Every role may. */
    READ,
    /** Create or change objects. Operators and admins may. */
    WRITE,
    /** Manage keys and settings. Admins only. */
    ADMIN
}
