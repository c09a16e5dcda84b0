package app.highway.store;

import org.junit.jupiter.api.Tag;

/** A failed commit on SQLite: every transcript line and timeline row stored once after the retry. */
@Tag("unit")
class SqliteFailedCommitTest extends FailedCommitContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
