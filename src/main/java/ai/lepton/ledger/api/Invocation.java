package ai.lepton.ledger.api;

import java.util.List;
import java.util.Objects;

/**
 * One transaction to submit: a function name ({@code "Contract:function"} or a bare name) and its arguments.
 *
 * @param function the transaction function
 * @param args its arguments, UTF-8
 */
public record Invocation(String function, List<String> args) {

    public Invocation {
        Objects.requireNonNull(function, "function");
        args = List.copyOf(args);
    }

    /** Shorthand for {@code new Invocation(function, List.of(args))}. */
    public static Invocation of(String function, String... args) {
        return new Invocation(function, List.of(args));
    }
}
