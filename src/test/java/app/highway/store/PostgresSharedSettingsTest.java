package app.highway.store;

import org.junit.jupiter.api.Tag;

/** The shared settings on a real PostgreSQL server, as a fleet of bridges shares them. */
@Tag("e2e")
class PostgresSharedSettingsTest extends SharedSettingsContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
