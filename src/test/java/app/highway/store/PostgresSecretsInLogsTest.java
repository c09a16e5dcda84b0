package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallState;
import app.highway.config.AppConfig;
import app.highway.config.Json;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Opening the store on PostgreSQL, with the password in the setting or in the URL, and failing to
 * (a wrong password), logs the URL and never the password, even at DEBUG (the pool and Flyway too).
 */
@Tag("e2e")
class PostgresSecretsInLogsTest {
    @Test
    void theDatabasePasswordNeverReachesALogLineOrAnError() throws Exception {
        Path dataDir = Files.createTempDirectory("highway-pg-logs");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        try (PostgresTestDatabase db = new PostgresTestDatabase()) {
            String password = db.password();
            Assumptions.assumeTrue(password != null && password.length() >= 8 && !db.url().contains(password)
                    && !db.user().contains(password), "the test role's password is too plain to look for in logs");
            root.setLevel(Level.DEBUG);
            captured.start();
            root.addAppender(captured);
            try {
                AppConfig inUrl = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dataDir.toString(),
                        "HIGHWAY_DATABASE_URL", db.url() + "&password=" + password, "HIGHWAY_DATABASE_USER", db.user()));
                try (SqlCallStore store = SqlCallStore.open(inUrl.database(), dataDir, "bridge-a", Json.mapper())) {
                    store.save(List.of(CallStoreContract.call("hw-0001", Instant.now(), CallState.COMPLETED, null)));
                }
                AppConfig inSetting = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dataDir.toString(),
                        "HIGHWAY_DATABASE_URL", db.url(), "HIGHWAY_DATABASE_USER", db.user(),
                        "HIGHWAY_DATABASE_PASSWORD", password));
                try (SqlCallStore store = SqlCallStore.open(inSetting.database(), dataDir, "bridge-a", Json.mapper())) {
                    store.find("hw-0001").orElseThrow();
                }
                String wrongPassword = "wrong-" + password;
                AppConfig wrong = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dataDir.toString(),
                        "HIGHWAY_DATABASE_URL", db.url() + "&password=" + wrongPassword,
                        "HIGHWAY_DATABASE_USER", db.user()));
                StoreException refused = assertThrows(StoreException.class,
                        () -> SqlCallStore.open(wrong.database(), dataDir, "bridge-a", Json.mapper()));
                assertTrue(refused.getMessage().contains(db.url()), refused.getMessage());
                assertFalse(refused.getMessage().contains(password), refused.getMessage());
            } finally {
                root.detachAppender(captured);
                root.setLevel(level);
            }
            String all = captured.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(e.getThrowableProxy()))).collect(Collectors.joining("\n"));
            assertTrue(all.contains("Call history in PostgreSQL at " + db.url()), "the URL is logged:\n" + all);
            assertFalse(all.contains(password), "the database password reached the log");
        }
    }
}
