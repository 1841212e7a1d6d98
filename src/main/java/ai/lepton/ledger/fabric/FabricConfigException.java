package ai.lepton.ledger.fabric;

import java.util.List;

/**
 * A Fabric setting is missing, unreadable or wrong. Each problem starts with the configuration key it is about, so the
 * start-up failure tells the operator what to fix.
 */
public final class FabricConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    FabricConfigException(List<String> problems) {
        super("lepton.ledger.mode=fabric cannot start: " + (problems.size() == 1 ? problems.get(0)
                : problems.size() + " settings are wrong:\n  " + String.join("\n  ", problems)));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each starting with the key it is about, e.g. {@code lepton.ledger.fabric.channel: missing}. */
    public List<String> problems() {
        return problems;
    }
}
