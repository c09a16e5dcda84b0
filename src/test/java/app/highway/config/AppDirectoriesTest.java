package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Where .env, settings and logs live on each desktop: a pure function, no real home is looked at. */
@Tag("unit")
class AppDirectoriesTest {
    private static final Path HOME = Path.of("/home/ana");
    private static final Predicate<Path> NOTHING_EXISTS = p -> false;

    private static AppDirectories linux(Map<String, String> env, Predicate<Path> exists) {
        return AppDirectories.resolve(env, "Linux", HOME, exists);
    }

    @Test
    void linuxFollowsTheXdgDefaults() {
        AppDirectories d = linux(Map.of(), NOTHING_EXISTS);
        assertEquals(Path.of("/home/ana/.config/highway"), d.configDir());
        assertEquals(Path.of("/home/ana/.local/share/highway"), d.dataDir());
        assertEquals(Path.of("/home/ana/.config/highway/.env"), d.envFile());
        assertEquals(Path.of("/home/ana/.local/share/highway/logs/highway.log"), d.logFile());
    }

    @Test
    void linuxHonoursXdgVariablesButOnlyAbsoluteOnes() {
        AppDirectories d = linux(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), NOTHING_EXISTS);
        assertEquals(Path.of("/cfg/highway"), d.configDir());
        assertEquals(Path.of("/data/highway"), d.dataDir());
        AppDirectories relative = linux(Map.of("XDG_CONFIG_HOME", "cfg", "XDG_DATA_HOME", " "), NOTHING_EXISTS);
        assertEquals(Path.of("/home/ana/.config/highway"), relative.configDir(), "the XDG spec ignores relative paths");
        assertEquals(Path.of("/home/ana/.local/share/highway"), relative.dataDir());
    }

    @Test
    void anExistingDotHighwayStaysTheDataDirOnEveryPlatform() {
        Predicate<Path> legacyExists = Set.of(HOME.resolve(".highway"))::contains;
        for (String os : List.of("Linux", "Mac OS X", "Windows 11")) {
            AppDirectories d = AppDirectories.resolve(Map.of("XDG_DATA_HOME", "/data"), os, HOME, legacyExists);
            assertEquals(HOME.resolve(".highway"), d.dataDir(), os);
            assertFalse(d.configDir().endsWith(".highway"), os + ": .env does not move with it");
        }
    }

    @Test
    void highwayDataDirWinsOverEverything() {
        Predicate<Path> legacyExists = p -> true;
        assertEquals(Path.of("/srv/highway"),
                linux(Map.of("HIGHWAY_DATA_DIR", " /srv/highway ", "XDG_DATA_HOME", "/data"), legacyExists).dataDir());
        assertEquals(Path.of("/srv/highway"),
                AppDirectories.resolve(Map.of("HIGHWAY_DATA_DIR", "/srv/highway"), "Mac OS X", HOME, legacyExists)
                        .dataDir());
    }

    @Test
    void macOsUsesApplicationSupport() {
        AppDirectories d = AppDirectories.resolve(Map.of("XDG_CONFIG_HOME", "/cfg"), "Mac OS X", Path.of("/Users/ana"),
                NOTHING_EXISTS);
        Path support = Path.of("/Users/ana/Library/Application Support/Highway");
        assertEquals(support, d.configDir());
        assertEquals(support, d.dataDir());
        assertEquals(support.resolve("logs/highway.log"), d.logFile());
    }

    @Test
    void windowsUsesAppData() {
        String appData = "C:\\Users\\ana\\AppData\\Roaming";
        AppDirectories d = AppDirectories.resolve(Map.of("APPDATA", appData), "Windows 11", HOME, NOTHING_EXISTS);
        assertEquals(Path.of(appData).resolve("Highway"), d.configDir());
        assertEquals(d.configDir(), d.dataDir());
        AppDirectories noVariable = AppDirectories.resolve(Map.of(), "Windows 10", HOME, NOTHING_EXISTS);
        assertEquals(HOME.resolve("AppData").resolve("Roaming").resolve("Highway"), noVariable.dataDir());
    }

    @Test
    void dotEnvIsTakenFromTheWorkingDirectoryFirstThenTheConfigDirAndTheRealEnvironmentWins() throws Exception {
        Path work = Files.createTempDirectory("highway-work");
        Path config = Files.createTempDirectory("highway-config");
        assertEquals(Optional.empty(), Environment.find(List.of(work, config)));

        Files.writeString(config.resolve(".env"), "HIGHWAY_TEST_ONLY=from-config\nPATH=/not/the/real/path\n");
        assertEquals(Optional.of(config.resolve(".env")), Environment.find(List.of(work, config)));
        Map<String, String> fromConfig = Environment.load(Environment.find(List.of(work, config)));
        assertEquals("from-config", fromConfig.get("HIGHWAY_TEST_ONLY"));
        assertEquals(System.getenv("PATH"), fromConfig.get("PATH"), "a real environment variable wins over .env");

        Files.writeString(work.resolve(".env"), "HIGHWAY_TEST_ONLY=from-work\n");
        assertEquals(Optional.of(work.resolve(".env")), Environment.find(List.of(work, config)));
        assertEquals("from-work", Environment.load(work).get("HIGHWAY_TEST_ONLY"));
        assertTrue(BuildInfo.load().version().matches("\\d+\\.\\d+\\.\\d+.*"), "the version is filtered from the pom");
    }
}
