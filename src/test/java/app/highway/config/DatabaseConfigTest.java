package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** The database and fleet settings: SQLite unless a URL is set, the password never printed, the lease sane. */
@Tag("unit")
class DatabaseConfigTest {
    private static AppConfig config(String... keyValues) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HIGHWAY_DATA_DIR", "/tmp/x"));
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        return AppConfig.from(env);
    }

    @Test
    void withoutAUrlTheHistoryStaysInSqliteInTheDataDir() {
        AppConfig c = config();
        assertFalse(c.database().isPostgres());
        assertEquals("SQLite in the data dir", c.database().toString());
        assertEquals(Duration.ofSeconds(5), c.fleet().heartbeat());
        assertEquals(Duration.ofSeconds(30), c.fleet().lease());
        assertEquals("", c.fleet().bridgeId());
    }

    @Test
    void aPostgresUrlUserAndPasswordAreReadAndThePasswordIsNeverPrinted() {
        AppConfig c = config("HIGHWAY_DATABASE_URL", "jdbc:postgresql://db.internal:5432/highway",
                "HIGHWAY_DATABASE_USER", "highway", "HIGHWAY_DATABASE_PASSWORD", "s3cret-Passw0rd-xyz");
        assertTrue(c.database().isPostgres());
        assertEquals("highway", c.database().user());
        assertEquals("s3cret-Passw0rd-xyz", c.database().password().reveal());
        assertEquals("jdbc:postgresql://db.internal:5432/highway as highway", c.database().toString());
        assertFalse(c.toString().contains("s3cret-Passw0rd-xyz"), c.toString());
    }

    @Test
    void aPasswordWrittenIntoTheUrlIsTakenOutOfIt() {
        AppConfig c = config("HIGHWAY_DATABASE_URL",
                "jdbc:postgresql://db:5432/highway?sslmode=require&password=in%20url-secret&user=hw");
        assertEquals("jdbc:postgresql://db:5432/highway?sslmode=require&user=hw", c.database().url());
        assertEquals("in url-secret", c.database().password().reveal());
        assertFalse(c.toString().contains("url-secret"));

        AppConfig both = config("HIGHWAY_DATABASE_URL", "jdbc:postgresql://db/highway?password=old",
                "HIGHWAY_DATABASE_PASSWORD", "setting-wins");
        assertEquals("jdbc:postgresql://db/highway", both.database().url());
        assertEquals("setting-wins", both.database().password().reveal());
    }

    @Test
    void aPasswordLeftInTheUrlsUserPartIsMasked() {
        DatabaseSettings s = new DatabaseSettings("jdbc:postgresql://hw:topsecret@db:5432/highway", "", Secret.of(""));
        assertEquals("jdbc:postgresql://hw:****@db:5432/highway", s.maskedUrl());
        assertFalse(s.toString().contains("topsecret"));
    }

    @Test
    void onlyAPostgresUrlIsAccepted() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> config("HIGHWAY_DATABASE_URL", "jdbc:mysql://db/highway?password=hidden"));
        assertTrue(e.getMessage().contains("HIGHWAY_DATABASE_URL") && e.getMessage().contains("jdbc:postgresql://"),
                e.getMessage());
        assertFalse(e.getMessage().contains("hidden"), e.getMessage());
    }

    @Test
    void theLeaseMustOutlastTwoHeartbeatsAndTheBridgeIdIsPlainText() {
        AppConfig c = config("HIGHWAY_BRIDGE_ID", "web-1", "HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "2",
                "HIGHWAY_BRIDGE_LEASE_SECONDS", "10");
        assertEquals(new FleetSettings("web-1", Duration.ofSeconds(2), Duration.ofSeconds(10)), c.fleet());
        ConfigException shortLease = assertThrows(ConfigException.class,
                () -> config("HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "10", "HIGHWAY_BRIDGE_LEASE_SECONDS", "15"));
        assertTrue(shortLease.getMessage().contains("HIGHWAY_BRIDGE_LEASE_SECONDS"), shortLease.getMessage());
        assertThrows(ConfigException.class, () -> config("HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", "0"));
        assertThrows(ConfigException.class, () -> config("HIGHWAY_BRIDGE_LEASE_SECONDS", "soon"));
        assertThrows(ConfigException.class, () -> config("HIGHWAY_BRIDGE_ID", "web 1; drop"));
    }

    @Test
    void aBridgeIdIsGeneratedOnceKeptInTheDataDirAndNamesTheHost() throws Exception {
        Path dir = Files.createTempDirectory("highway-bridge-id");
        AppConfig c = AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dir.toString()));
        String first = BridgeIds.resolve(c);
        assertEquals(first, BridgeIds.resolve(c));
        assertEquals(first, Files.readString(dir.resolve("bridge-id")).trim());
        assertTrue(first.matches(FleetSettings.ID_PATTERN), first);
        assertEquals("given", BridgeIds.resolve(AppConfig.from(Map.of("HIGHWAY_DATA_DIR", dir.toString(),
                "HIGHWAY_BRIDGE_ID", "given"))));
        assertTrue(BridgeIds.generate("Web_Server.example.com").matches("web-server-example-com-[0-9a-f]{8}"));
        assertNotEquals(BridgeIds.generate("host"), BridgeIds.generate("host"));
        assertTrue(BridgeIds.generate("").matches("bridge-[0-9a-f]{8}"));
    }
}
