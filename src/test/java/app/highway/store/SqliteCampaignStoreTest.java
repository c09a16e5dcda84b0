package app.highway.store;

import org.junit.jupiter.api.Tag;

/** Campaigns in SQLite, the single bridge's database. */
@Tag("unit")
class SqliteCampaignStoreTest extends CampaignStoreContract {
    @Override
    TestDatabase newDatabase() {
        return new SqliteTestDatabase();
    }
}
