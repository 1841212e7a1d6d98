package ai.lepton.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of the {@code lepton} process. Before Quarkus starts it checks the settings the chosen profile needs,
 * so a production start without a database or broker exits at once with a message that names the missing setting.
 */
@QuarkusMain
public class LeptonMain {

    public static void main(String... args) {
        List<String> problems = preflight(System.getenv(), System.getProperties());
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("lepton cannot start in the prod profile:\n");
            problems.forEach(p -> sb.append("  - ").append(p).append('\n'));
            sb.append("Set them (see README, Configuration) or start without QUARKUS_PROFILE=prod for the embedded default.");
            System.err.println(sb);
            System.exit(2);
        }
        absoluteDataDir(System.getenv());
        Quarkus.run(Server.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("lepton failed to start: " + rootMessage(failure));
            }
            System.exit(code);
        }, args);
    }

    /** The active profile, as Quarkus will see it (system property first, then environment). */
    static String profile(java.util.Map<String, String> env, java.util.Properties props) {
        String p = props.getProperty("quarkus.profile");
        if (p == null) {
            p = env.get("QUARKUS_PROFILE");
        }
        return p == null ? "embedded" : p;
    }

    /** Missing settings of the prod profile, each naming the variable to set. Empty when fine or not prod. */
    static List<String> preflight(java.util.Map<String, String> env, java.util.Properties props) {
        List<String> missing = new ArrayList<>();
        boolean prod = List.of(profile(env, props).toLowerCase(Locale.ROOT).split(",")).contains("prod");
        if (!prod) {
            return missing;
        }
        require(missing, env, props, "LEPTON_DB_URL", "quarkus.datasource.\"postgresql\".jdbc.url",
                "the PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/lepton");
        require(missing, env, props, "LEPTON_AMQP_HOST", "amqp-host",
                "the AMQP 1.0 broker host for events, e.g. rabbitmq or artemis");
        String ledger = env.getOrDefault("LEPTON_LEDGER_MODE", props.getProperty("lepton.ledger.mode", "fabric"));
        if (ledger.trim().toLowerCase(Locale.ROOT).equals("fabric")) {
            String why = " (the ledger runs on Fabric in prod; LEPTON_LEDGER_MODE=embedded keeps it in process)";
            require(missing, env, props, "LEPTON_FABRIC_PEER_ENDPOINT", "lepton.ledger.fabric.peer-endpoint",
                    "the Fabric peer's gateway, host:port" + why);
            require(missing, env, props, "LEPTON_FABRIC_MSP_ID", "lepton.ledger.fabric.identities.operator.msp-id",
                    "the operator identity's MSP id, e.g. Org1MSP" + why);
            require(missing, env, props, "LEPTON_FABRIC_CERT", "lepton.ledger.fabric.identities.operator.cert",
                    "the operator identity's certificate (PEM file)" + why);
            require(missing, env, props, "LEPTON_FABRIC_KEY", "lepton.ledger.fabric.identities.operator.key",
                    "the operator identity's private key (PEM file)" + why);
        }
        return missing;
    }

    private static void require(List<String> missing, java.util.Map<String, String> env, java.util.Properties props,
            String variable, String property, String what) {
        String v = env.get(variable);
        if (v == null || v.isBlank()) {
            v = props.getProperty(property);
        }
        if (v == null || v.isBlank()) {
            missing.add(variable + " is not set: " + what);
        }
    }

    /** H2 refuses paths that are implicitly relative; make LEPTON_DATA_DIR absolute before config is read. */
    private static void absoluteDataDir(java.util.Map<String, String> env) {
        if (System.getProperty("lepton.platform.data-dir") == null) {
            String dir = env.getOrDefault("LEPTON_DATA_DIR", "data");
            System.setProperty("lepton.platform.data-dir", Path.of(dir).toAbsolutePath().normalize().toString());
        }
    }

    /** The distinct messages along the cause chain (12 lines each at most), outermost first: enough to name the culprit. */
    static String rootMessage(Throwable t) {
        java.util.LinkedHashSet<String> lines = new java.util.LinkedHashSet<>();
        for (Throwable c = t; c != null && lines.size() < 8; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m != null && !m.isBlank() && !m.startsWith("Failed to start quarkus")) {
                // a message that lists its problems one per line keeps them (up to 12 lines)
                lines.add(m.lines().limit(12).map(String::strip).collect(java.util.stream.Collectors.joining("\n    ")));
            }
        }
        return lines.isEmpty() ? t.getClass().getName() : String.join("\n  caused by: ", lines);
    }

    /** The server: runs until asked to stop. */
    public static class Server implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Quarkus.waitForExit();
            return 0;
        }
    }
}
