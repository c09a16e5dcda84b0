package app.highway.store;

import app.highway.config.DatabaseSettings;
import app.highway.config.Secret;
import app.highway.support.PostgresSchema;

/** The store on a schema of its own in a real PostgreSQL server (see {@link PostgresSchema}: which, and when skipped). */
final class PostgresTestDatabase implements TestDatabase {
    private final PostgresSchema schema = PostgresSchema.create();

    /** The settings a bridge would be given for this schema. */
    DatabaseSettings settings() {
        return new DatabaseSettings(url(), user(), Secret.of(password()));
    }

    @Override
    public String url() {
        return schema.url();
    }

    @Override
    public String user() {
        return schema.user();
    }

    @Override
    public String password() {
        return schema.password();
    }

    @Override
    public StoreConnections connect() {
        return PostgresDatabase.open(settings());
    }

    @Override
    public void close() {
        schema.close();
    }
}
