package io.lockstep.launcher.stack;

import io.lockstep.launcher.LauncherException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The PostgreSQL the services keep their state in: {@code --database-url}; else the local server on 127.0.0.1:5432
 * (a database of the stack's own there); else an embedded PostgreSQL (zonky's real binaries). A throw-away stack
 * (the demo, the sandbox) gets a fresh database that is dropped when it stops.
 */
public final class Database implements AutoCloseable {
    static final String LOCAL_HOST = "127.0.0.1";
    static final int LOCAL_PORT = 5432;
    static final String LOCAL_USER = "postgres";

    private final String host;
    private final int port;
    private final String name;
    private final String user;
    private final String password;
    private final String description;
    private final boolean dropOnClose;
    private final EmbeddedPostgres embedded;

    private Database(String host, int port, String name, String user, String password, String description,
            boolean dropOnClose, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.name = name;
        this.user = user;
        this.password = password == null ? "" : password;
        this.description = description;
        this.dropOnClose = dropOnClose;
        this.embedded = embedded;
    }

    /**
     * Resolves the database. {@code throwAway}: a new {@code lockstep_demo_<n>} (or a temporary embedded server)
     * dropped at close; otherwise the database {@code lockstep}, kept (embedded data under {@code embeddedDir}).
     */
    public static Database resolve(String databaseUrl, boolean throwAway, Path embeddedDir) {
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            Database given = parse(databaseUrl);
            given.check();
            return given;
        }
        Database local = new Database(LOCAL_HOST, LOCAL_PORT, "postgres", LOCAL_USER, "", "", false, null);
        if (local.reachable()) {
            String name = throwAway ? local.createNumbered("lockstep_demo_") : local.createIfAbsent("lockstep");
            return new Database(LOCAL_HOST, LOCAL_PORT, name, LOCAL_USER, "", "local PostgreSQL "
                    + LOCAL_HOST + ":" + LOCAL_PORT + "/" + name, throwAway, null);
        }
        return embedded(throwAway, embeddedDir);
    }

    /** Parses {@code postgresql://user:password@host:port/db} (also with {@code jdbc:} and {@code ?user=&password=}). */
    static Database parse(String url) {
        String plain = url.startsWith("jdbc:") ? url.substring(5) : url;
        try {
            URI uri = new URI(plain);
            if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not a PostgreSQL URL");
            }
            String user = LOCAL_USER;
            String password = "";
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : "";
            }
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    String[] kv = pair.split("=", 2);
                    if (kv.length == 2 && kv[0].equals("user")) {
                        user = decode(kv[1]);
                    } else if (kv.length == 2 && kv[0].equals("password")) {
                        password = decode(kv[1]);
                    }
                }
            }
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            String name = path.isEmpty() ? "lockstep" : path;
            int port = uri.getPort() < 0 ? LOCAL_PORT : uri.getPort();
            return new Database(uri.getHost(), port, name, user, password,
                    "PostgreSQL " + uri.getHost() + ":" + port + "/" + name, false, null);
        } catch (URISyntaxException e) {
            throw new LauncherException("--database-url must look like postgresql://user:password@host:5432/lockstep"
                    + " (got something else): fix the URL");
        }
    }

    private static Database embedded(boolean throwAway, Path dir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!throwAway) {
                builder.setDataDirectory(dir).setCleanDataDirectory(false);
            }
            EmbeddedPostgres pg = builder.start();
            Database server = new Database(LOCAL_HOST, pg.getPort(), "postgres", LOCAL_USER, "", "", false, pg);
            server.createIfAbsent("lockstep");
            return new Database(LOCAL_HOST, pg.getPort(), "lockstep", LOCAL_USER, "", "embedded PostgreSQL "
                    + LOCAL_HOST + ":" + pg.getPort() + "/lockstep" + (throwAway ? " (temporary)" : ""), false, pg);
        } catch (IOException | RuntimeException e) {
            throw new LauncherException("no PostgreSQL on " + LOCAL_HOST + ":" + LOCAL_PORT
                    + " and the embedded one did not start (" + e.getMessage()
                    + "): start a local PostgreSQL or pass --database-url", e);
        }
    }

    public String description() {
        return description;
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + name;
    }

    /** Quarkus configuration for both datasources, without the password (see {@link #secretEnvironment()}). */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.datasource.username", user);
        return config;
    }

    /** The password as an environment variable of the services, so that it does not show in a process listing. */
    public Map<String, String> secretEnvironment() {
        return Map.of("QUARKUS_DATASOURCE_PASSWORD", password);
    }

    void check() {
        try (Connection c = connect(name, 5)) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new LauncherException("cannot reach " + description + " (" + reason(e)
                    + "): start it, or pass a reachable --database-url");
        }
    }

    private boolean reachable() {
        try (Connection c = connect(name, 2)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private String createNumbered(String prefix) {
        try (Connection c = connect(name, 5); Statement s = c.createStatement()) {
            int next = 1;
            try (ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + prefix
                    + "%'")) {
                while (rs.next()) {
                    String suffix = rs.getString(1).substring(prefix.length());
                    if (suffix.matches("\\d{1,9}")) {
                        next = Math.max(next, Integer.parseInt(suffix) + 1);
                    }
                }
            }
            String db = prefix + next;
            s.execute("CREATE DATABASE " + db);
            return db;
        } catch (SQLException e) {
            throw new LauncherException("cannot create a database on " + host + ":" + port + " ("
                    + firstLine(e.getMessage()) + "): pass --database-url to use an existing one");
        }
    }

    private String createIfAbsent(String db) {
        try (Connection c = connect(name, 5); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE " + db);
                }
            }
            return db;
        } catch (SQLException e) {
            throw new LauncherException("cannot create the database " + db + " on " + host + ":" + port + " ("
                    + firstLine(e.getMessage()) + "): pass --database-url to use an existing one");
        }
    }

    private Connection connect(String database, int timeoutSeconds) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }

    @Override
    public void close() {
        if (dropOnClose) {
            try (Connection c = connect("postgres", 5); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                // A throw-away database left behind costs disk space only; say so and go on stopping.
                System.err.println("lockstep: could not drop the demo database " + name + ": "
                        + firstLine(e.getMessage()));
            }
        }
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                System.err.println("lockstep: the embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
        }
    }

    /** A short, stable reason: the driver's own messages are long and name settings the user did not set. */
    static String reason(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "timed out";
            }
        }
        if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
            return "authentication failed";
        }
        if ("3D000".equals(e.getSQLState())) {
            return "no such database";
        }
        return firstLine(e.getMessage());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
