package ai.lepton.platform.api;

import java.util.Optional;

/** The principal of the request being served. */
public interface CurrentPrincipal {

    /** The authenticated principal; throws a 401 problem when the request carried no valid key. */
    Principal get();

    /** The principal if the request is authenticated. */
    Optional<Principal> find();
}
