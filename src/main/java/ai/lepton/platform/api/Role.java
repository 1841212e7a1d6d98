package ai.lepton.platform.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an API key may do. Serialised in lower case. */
public enum Role {
    /** Everything in its scope, including managing keys; without a project, the whole installation. */
    ADMIN,
    /** Read and change the objects of its project (datasets, uploads, later jobs and workloads). */
    OPERATOR,
    /** Read only. */
    VIEWER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Role parse(String value) {
        if (value != null) {
            for (Role r : values()) {
                if (r.wire().equalsIgnoreCase(value.trim())) {
                    return r;
                }
            }
        }
        throw ProblemException.badRequest("role must be one of admin, operator, viewer, not '" + value + "'");
    }

    /** Whether this role may perform the action inside its scope. */
    public boolean permits(Action action) {
        return switch (action) {
            case READ -> true;
            case WRITE -> this != VIEWER;
            case ADMIN -> this == ADMIN;
        };
    }
}
