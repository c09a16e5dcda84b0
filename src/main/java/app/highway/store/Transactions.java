package app.highway.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One transaction on a borrowed connection, committed or rolled back, and reads outside any; failures
 * reported as a {@link StoreException} saying what could not be done.
 */
final class Transactions {
    /** The statements of one transaction. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private Transactions() {
    }

    static <T> T run(DataSource db, String what, Work<T> work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the original error is the one to report
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        }
    }

    /** Statements that only read, on a connection of a pool that commits each by itself. */
    static <T> T read(DataSource db, String what, Work<T> work) {
        try (Connection c = db.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Could not " + what, e);
        }
    }
}
