package app.highway.store;

import org.junit.jupiter.api.Tag;

/** Campaigns on a real PostgreSQL server, the fleet's database. */
@Tag("e2e")
class PostgresCampaignStoreTest extends CampaignStoreContract {
    @Override
    TestDatabase newDatabase() {
        return new PostgresTestDatabase();
    }
}
