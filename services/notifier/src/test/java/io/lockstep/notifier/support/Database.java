package io.lockstep.notifier.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** Reads the notifier's tables in the test application's database. */
public final class Database {
    private Database() {
    }

    /** The rows of a query, each as column name → value as text. */
    public static List<Map<String, String>> rows(String sql, Object... parameters) {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        try (Connection db = DriverManager.getConnection(url, user, "");
                var query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            List<Map<String, String>> out = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                ResultSetMetaData columns = result.getMetaData();
                while (result.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnName(i), result.getString(i));
                    }
                    out.add(row);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the notifier's database: " + e.getMessage(), e);
        }
    }

    /** Every row of every table of the notifier's schema, as text: for assertions that a secret is in none. */
    public static String dumpAll() {
        StringBuilder out = new StringBuilder();
        for (Map<String, String> table : rows("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'notifier'")) {
            String name = table.get("table_name");
            out.append("== ").append(name).append('\n');
            rows("SELECT * FROM notifier." + name).forEach(row -> out.append(row).append('\n'));
        }
        return out.toString();
    }

}
