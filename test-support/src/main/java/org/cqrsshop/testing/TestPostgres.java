package org.cqrsshop.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A database of its own for one test run, on the real PostgreSQL server. Other runs share that
 * server, so every run creates a uniquely named database and drops it afterwards.
 *
 * <p>The server is found through {@code CQRS_TEST_POSTGRES_HOST}, {@code _PORT}, {@code _USER} and
 * {@code _PASSWORD}, defaulting to the role that {@code scripts/services.sh} prepares.
 */
public final class TestPostgres implements AutoCloseable {

    public final String host = env("CQRS_TEST_POSTGRES_HOST", "127.0.0.1");
    public final int port = Integer.parseInt(env("CQRS_TEST_POSTGRES_PORT", "5432"));
    public final String user = env("CQRS_TEST_POSTGRES_USER", "cqrs_shop");
    public final String password = env("CQRS_TEST_POSTGRES_PASSWORD", "cqrs_shop");
    public final String database;
    private final boolean owned;

    private TestPostgres(String database, boolean owned) {
        this.database = database;
        this.owned = owned;
    }

    public static TestPostgres createDatabase(String purpose) {
        String name = ("test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        TestPostgres postgres = new TestPostgres(name, true);
        postgres.admin("CREATE DATABASE " + name);
        return postgres;
    }

    /**
     * A database someone else created, such as a bench run's, to read from; {@link #close()}
     * leaves it in place.
     */
    public static TestPostgres existing(String database) {
        return new TestPostgres(database, false);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Settings in the names the apps read, so a test hands them over unchanged. */
    public Map<String, String> appConfig() {
        return Map.of(
                "POSTGRES_HOST", host,
                "POSTGRES_PORT", String.valueOf(port),
                "POSTGRES_DB", database,
                "POSTGRES_USER", user,
                "POSTGRES_PASSWORD", password);
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void admin(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " refused: " + sql
                    + " (run scripts/services.sh to prepare the server)", e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
