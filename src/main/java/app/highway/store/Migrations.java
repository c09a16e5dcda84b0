package app.highway.store;

import org.flywaydb.core.Flyway;

/**
 * Brings a database's schema up to date with the Flyway migrations in {@code db/migration}, the
 * same files for SQLite and PostgreSQL (portable SQL). Out-of-order migrations are allowed because
 * the migrations are written on parallel branches that land in either order (V3 and V4 are
 * independent of each other): a database that got V4 first still gets V3 when it lands, instead of
 * refusing to start.
 */
final class Migrations {
    private Migrations() {
    }

    /** Migrates over a connection of its own (the pools are not open yet); the URL must hold no password. */
    static void migrate(String url, String user, String password) {
        Flyway.configure().dataSource(url, user, password).locations("classpath:db/migration").outOfOrder(true)
                .load().migrate();
    }
}
