package app.highway.support;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own in a real PostgreSQL server, created for one test and dropped after it, so
 * test runs never see each other. The server is the one {@code HIGHWAY_TEST_DATABASE_URL} (with
 * {@code _USER}, {@code _PASSWORD}) names, which {@code .ci/run} starts and exports; unset, the local
 * server with the test role {@code .ci/run} creates is tried. A test is skipped, saying what to set,
 * only when neither can be reached.
 */
public final class PostgresSchema implements AutoCloseable {
    public static final String URL_VARIABLE = "HIGHWAY_TEST_DATABASE_URL";
    public static final String USER_VARIABLE = "HIGHWAY_TEST_DATABASE_USER";
    public static final String PASSWORD_VARIABLE = "HIGHWAY_TEST_DATABASE_PASSWORD";
    /** The role and database {@code .ci/run} creates (a test role on a local server: not a secret). */
    static final String LOCAL_URL = "jdbc:postgresql://localhost:5432/highway_test";
    static final String LOCAL_ROLE = "highway_test";
    static final String LOCAL_PASSWORD = "highway-test-password";

    /** A server the tests may use. */
    private record Server(String url, String user, String password) { }

    /** The server found (probed once per test run), or why none was. */
    private static Optional<Server> server;
    private static String unreachable;

    private final Server at;
    private final String schema;

    private PostgresSchema(Server at) {
        this.at = at;
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        schema = "hw_test_" + HexFormat.of().formatHex(random);
        admin("CREATE SCHEMA " + schema);
    }

    /** A fresh schema; the calling test is skipped (with what to set) if no PostgreSQL can be reached. */
    public static PostgresSchema create() {
        return new PostgresSchema(reachableServer());
    }

    private static synchronized Server reachableServer() {
        if (server == null) {
            String url = System.getenv(URL_VARIABLE);
            Server candidate = url == null || url.isBlank() ? new Server(LOCAL_URL, LOCAL_ROLE, LOCAL_PASSWORD)
                    : new Server(url.trim(), System.getenv(USER_VARIABLE), System.getenv(PASSWORD_VARIABLE));
            try (Connection c = connect(candidate)) {
                server = Optional.of(candidate);
            } catch (SQLException e) {
                server = Optional.empty();
                unreachable = "No PostgreSQL reachable at " + candidate.url() + " as " + candidate.user() + " ("
                        + e.getMessage() + "): set " + URL_VARIABLE + ", " + USER_VARIABLE + " and " + PASSWORD_VARIABLE
                        + " to a server where that role may create schemas, or run .ci/run, which installs and starts "
                        + "one";
            }
        }
        Assumptions.assumeTrue(server.isPresent(), unreachable);
        return server.get();
    }

    private static Connection connect(Server s) throws SQLException {
        Properties p = new Properties();
        if (s.user() != null) {
            p.setProperty("user", s.user());
        }
        if (s.password() != null) {
            p.setProperty("password", s.password());
        }
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(s.url(), p);
    }

    private void admin(String sql) {
        try (Connection c = connect(at); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    /** The server's URL with this schema as the current one. */
    public String url() {
        return at.url() + (at.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** This schema's name ({@code hw_test_…}). */
    public String schema() {
        return schema;
    }

    public String user() {
        return at.user();
    }

    public String password() {
        return at.password();
    }

    /** The settings a bridge is given to keep its call history in this schema. */
    public Map<String, String> bridgeEnvironment() {
        return Map.of("HIGHWAY_DATABASE_URL", url(), "HIGHWAY_DATABASE_USER", user() == null ? "" : user(),
                "HIGHWAY_DATABASE_PASSWORD", password() == null ? "" : password());
    }

    @Override
    public void close() {
        admin("DROP SCHEMA " + schema + " CASCADE");
    }
}
