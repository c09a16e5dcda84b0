package app.highway.store;

import org.junit.jupiter.api.Tag;

/** Bridges sharing one PostgreSQL schema: restarts, lost bridges and concurrent writes. */
@Tag("e2e")
class PostgresFleetTest extends FleetContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
