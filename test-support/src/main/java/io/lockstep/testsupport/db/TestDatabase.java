package io.lockstep.testsupport.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A real PostgreSQL for tests: the server at {@code LOCKSTEP_TEST_PG_HOST:LOCKSTEP_TEST_PG_PORT} (default
 * 127.0.0.1:5432, user {@code postgres}, trust auth). Each caller can get a database of its own, so tests and test
 * runs do not see each other's state.
 */
public final class TestDatabase {
    public static final String HOST = env("LOCKSTEP_TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("LOCKSTEP_TEST_PG_PORT", "5432");
    public static final String USER = env("LOCKSTEP_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("LOCKSTEP_TEST_PG_PASSWORD", "");

    private final String name;

    private TestDatabase(String name) {
        this.name = name;
    }

    /** Creates a new, empty database named {@code <prefix>_<random>}. */
    public static TestDatabase create(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " on " + HOST + ":" + PORT
                    + " (is PostgreSQL running?): " + e.getMessage(), e);
        }
        return new TestDatabase(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return jdbcUrl(name);
    }

    public String reactiveUrl() {
        return "postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    /** Quarkus configuration that points both the reactive and the JDBC (Flyway) datasource here. */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.datasource.reactive.url", reactiveUrl(),
                "quarkus.datasource.jdbc.url", jdbcUrl(),
                "quarkus.datasource.username", USER,
                "quarkus.datasource.password", PASSWORD);
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
