package io.lockstep.applier.history;

import io.lockstep.applier.sync.AppLeases;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Application leases in PostgreSQL (table {@code app_lease}), over JDBC: called from worker threads and the renewal
 * thread, one short statement each. Expiry is judged by the database's clock.
 */
@ApplicationScoped
public class PgAppLeases implements AppLeases {
    private static final String ACQUIRE = """
            INSERT INTO applier.app_lease (app_id, holder, expires_at)
            VALUES (?, ?, now() + ? * interval '1 millisecond')
            ON CONFLICT (app_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE app_lease.holder = excluded.holder OR app_lease.expires_at < now()
            RETURNING holder""";
    private static final String RENEW = "UPDATE applier.app_lease SET expires_at = now() + ? * interval '1 millisecond' "
            + "WHERE app_id = ? AND holder = ?";
    private static final String RELEASE = "DELETE FROM applier.app_lease WHERE app_id = ? AND holder = ?";
    private static final String LIVE = "SELECT holder FROM applier.app_lease WHERE app_id = ? AND expires_at >= now()";

    private final DataSource db;

    public PgAppLeases(DataSource db) {
        this.db = db;
    }

    @Override
    public boolean tryAcquire(String appId, String holder, Duration ttl) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(ACQUIRE)) {
            s.setString(1, appId);
            s.setString(2, holder);
            s.setLong(3, ttl.toMillis());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public boolean renew(String appId, String holder, Duration ttl) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(RENEW)) {
            s.setLong(1, ttl.toMillis());
            s.setString(2, appId);
            s.setString(3, holder);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void release(String appId, String holder) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(RELEASE)) {
            s.setString(1, appId);
            s.setString(2, holder);
            s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    @Override
    public Optional<String> liveHolder(String appId) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(LIVE)) {
            s.setString(1, appId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("application leases unavailable: " + e.getMessage(), e);
    }
}
