package app.highway.store;

import org.junit.jupiter.api.Tag;

/**
 * The fleet's leases on SQLite: several stores on one file. A SQLite file has one bridge in practice,
 * but the rules are the same, so a bridge whose id changed still has its old calls ended.
 */
@Tag("unit")
class SqliteFleetTest extends FleetContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
