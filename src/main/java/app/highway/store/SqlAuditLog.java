package app.highway.store;

import app.highway.team.AuditEntry;
import app.highway.team.AuditLog;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log in SQL ({@code audit_log}): appended one entry at a time, read newest first in pages
 * that neither repeat nor skip an entry when others are written meanwhile (the cursor is the last
 * entry's time and id, like the call history's).
 */
final class SqlAuditLog implements AuditLog {
    private static final String COLUMNS = "id, at, user_name, action, target, detail";

    private final Connection db;

    SqlAuditLog(Connection db) {
        this.db = db;
    }

    @Override
    public void append(AuditEntry e) {
        synchronized (db) {
            try (PreparedStatement s = db.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, e.id());
                s.setLong(2, e.at().toEpochMilli());
                s.setString(3, e.user());
                s.setString(4, e.action());
                s.setString(5, e.target());
                s.setString(6, e.detail());
                s.executeUpdate();
            } catch (SQLException ex) {
                throw new StoreException("Could not write to the audit log", ex);
            }
        }
    }

    @Override
    public AuditPage page(AuditQuery query) {
        int limit = Math.max(1, Math.min(query.limit(), AuditQuery.MAX_LIMIT));
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.user() != null && !query.user().isBlank()) {
            sql.append(" AND user_name = ?");
            args.add(query.user().strip());
        }
        if (query.action() != null && !query.action().isBlank()) {
            sql.append(" AND action = ?");
            args.add(query.action().strip());
        }
        if (query.cursor() != null) {
            Cursor c = Cursor.decode(query.cursor());
            sql.append(" AND (at < ? OR (at = ? AND id < ?))");
            args.add(c.createdAt());
            args.add(c.createdAt());
            args.add(c.id());
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        synchronized (db) {
            try (PreparedStatement q = db.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    q.setObject(i + 1, args.get(i));
                }
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getString("id"), Instant.ofEpochMilli(rs.getLong("at")),
                                rs.getString("user_name"), rs.getString("action"), rs.getString("target"),
                                rs.getString("detail")));
                    }
                }
                if (entries.size() <= limit) {
                    return new AuditPage(entries, null);
                }
                AuditEntry last = entries.get(limit - 1);
                return new AuditPage(entries.subList(0, limit),
                        new Cursor(last.at().toEpochMilli(), last.id()).encode());
            } catch (SQLException e) {
                throw new StoreException("Could not read the audit log", e);
            }
        }
    }
}
