package app.highway.store;

import org.junit.jupiter.api.Tag;

/** A failed commit on PostgreSQL: every transcript line and timeline row stored once after the retry. */
@Tag("e2e")
class PostgresFailedCommitTest extends FailedCommitContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
