package app.highway.store;

import org.junit.jupiter.api.Tag;

/** The shared settings on SQLite, the zero-configuration default (several stores on one file). */
@Tag("unit")
class SqliteSharedSettingsTest extends SharedSettingsContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
