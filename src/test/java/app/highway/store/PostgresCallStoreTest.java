package app.highway.store;

import org.junit.jupiter.api.Tag;

/**
 * The call history contract on a real PostgreSQL server, each test in a schema of its own (see
 * {@link PostgresTestDatabase} for which server, and when the tests are skipped).
 */
@Tag("e2e")
class PostgresCallStoreTest extends CallStoreContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
