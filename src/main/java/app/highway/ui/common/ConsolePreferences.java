package app.highway.ui.common;

import app.highway.config.Json;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the console remembers between runs about how it looks: the theme and where the Calls tab's
 * divider is. A small JSON file in the data dir; {@link #load} and {@link #save} touch the disk, so
 * the console calls them off the FX thread.
 *
 * @param dark         the dark theme
 * @param callsDivider the divider between the board and the call detail (0 to 1)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsolePreferences(boolean dark, double callsDivider) {
    /** The file's name in the data dir. */
    public static final String FILE = "console-preferences.json";
    public static final ConsolePreferences DEFAULTS = new ConsolePreferences(false, 0.55);
    private static final Logger log = LoggerFactory.getLogger(ConsolePreferences.class);

    public ConsolePreferences {
        if (!(callsDivider > 0.05 && callsDivider < 0.95)) {
            callsDivider = DEFAULTS.callsDivider;
        }
    }

    /** The saved preferences, or the defaults when there are none or they cannot be read. */
    public static ConsolePreferences load(Path file) {
        if (!Files.exists(file)) {
            return DEFAULTS;
        }
        try {
            return Json.mapper().readValue(file.toFile(), ConsolePreferences.class);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not read {} ({}); using the default look", file, e.getMessage());
            return DEFAULTS;
        }
    }

    /** Writes the file whole (a temporary file, then a move), so a crash leaves the old one. */
    public void save(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.mapper().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save " + file, e);
        }
    }

    public ConsolePreferences withDark(boolean value) {
        return new ConsolePreferences(value, callsDivider);
    }

    public ConsolePreferences withCallsDivider(double value) {
        return new ConsolePreferences(dark, value);
    }
}
