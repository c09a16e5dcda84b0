package app.highway.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console's remembered look, read and written as a file. */
@Tag("unit")
class ConsolePreferencesTest {
    @Test
    void theThemeAndDividerAreKeptAndABadFileMeansTheDefaults() throws Exception {
        Path dir = Files.createTempDirectory("highway-prefs");
        Path file = dir.resolve(ConsolePreferences.FILE);
        assertEquals(ConsolePreferences.DEFAULTS, ConsolePreferences.load(file), "nothing saved yet");
        new ConsolePreferences(true, 0.3).save(file);
        assertEquals(new ConsolePreferences(true, 0.3), ConsolePreferences.load(file));
        Files.writeString(file, "{not json");
        assertEquals(ConsolePreferences.DEFAULTS, ConsolePreferences.load(file));
        Files.writeString(file, "{\"dark\":true,\"callsDivider\":7,\"later\":1}");
        assertEquals(new ConsolePreferences(true, ConsolePreferences.DEFAULTS.callsDivider()),
                ConsolePreferences.load(file), "an impossible divider falls back; unknown fields are ignored");
    }
}
