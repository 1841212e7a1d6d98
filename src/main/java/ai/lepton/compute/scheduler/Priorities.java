package ai.lepton.compute.scheduler;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Named priority classes, Kubernetes-style: a workload's priority is a plain integer and these names are shorthands.
 * A higher number is more important; a pending replica may preempt preemptible replicas of strictly lower priority.
 */
public final class Priorities {

    /** Platform components that must run (agents, the relay): {@value}. */
    public static final int SYSTEM_CRITICAL = 2_000_000_000;
    /** Production serving and urgent work: {@value}. */
    public static final int HIGH = 1000;
    /** What a workload gets when it names no class: {@value}. */
    public static final int DEFAULT = 0;
    /** Batch and best-effort work that yields to everything else: {@value}. */
    public static final int LOW = -100;

    private static final Map<String, Integer> CLASSES = classMap();

    private Priorities() {
    }

    private static Map<String, Integer> classMap() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("system-critical", SYSTEM_CRITICAL);
        m.put("high", HIGH);
        m.put("default", DEFAULT);
        m.put("low", LOW);
        return Map.copyOf(m);
    }

    /** The named classes: {@code system-critical}, {@code high}, {@code default}, {@code low}. */
    public static Map<String, Integer> classes() {
        return CLASSES;
    }

    /**
     * The priority of a class name (case-insensitive) or of a decimal integer.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static int of(String classOrNumber) {
        String s = classOrNumber.trim().toLowerCase(Locale.ROOT);
        Integer v = CLASSES.get(s);
        if (v != null) {
            return v;
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown priority class: " + classOrNumber + " (known: "
                    + CLASSES.keySet() + ")", e);
        }
    }
}
