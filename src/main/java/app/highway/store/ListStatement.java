package app.highway.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code SELECT} for one page of the call history: the query's filters as bound parameters
 * (never spliced into the SQL), newest first, one row more than the page so the reader knows
 * whether another page follows.
 */
record ListStatement(String sql, List<Object> args) {
    ListStatement {
        args = List.copyOf(args);
    }

    static ListStatement of(CallQuery query, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CallRows.COLUMNS + " FROM calls WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (query.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(query.from().toEpochMilli());
        }
        if (query.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(query.to().toEpochMilli());
        }
        if (query.state() != null) {
            sql.append(" AND state = ?");
            args.add(query.state().wire());
        }
        if (query.reflection() != null) {
            sql.append(" AND reflection = ?");
            args.add(query.reflection());
        }
        if (query.number() != null && !query.number().isBlank()) {
            sql.append(" AND to_number LIKE ?");
            args.add("%" + query.number().replaceAll("[^0-9+]", "") + "%");
        }
        if (query.placedBy() != null && !query.placedBy().isBlank()) {
            sql.append(" AND placed_by = ?");
            args.add(query.placedBy().strip());
        }
        if (query.cursor() != null) {
            Cursor c = Cursor.decode(query.cursor());
            sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
            args.add(c.createdAt());
            args.add(c.createdAt());
            args.add(c.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        return new ListStatement(sql.toString(), args);
    }
}
