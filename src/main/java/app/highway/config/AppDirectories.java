package app.highway.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where an installed Highway keeps its files, by the conventions of each desktop: the config dir
 * holds {@code .env}; the data dir holds settings, prompts, prices, the API token, the call
 * history and {@code logs/}. {@code HIGHWAY_DATA_DIR} moves the data dir; a {@code ~/.highway}
 * left by an earlier version stays the data dir.
 *
 * <ul>
 *   <li>Linux: config {@code $XDG_CONFIG_HOME/highway} (default {@code ~/.config/highway}),
 *       data {@code $XDG_DATA_HOME/highway} (default {@code ~/.local/share/highway})</li>
 *   <li>macOS: both {@code ~/Library/Application Support/Highway}</li>
 *   <li>Windows: both {@code %APPDATA%\Highway}</li>
 * </ul>
 */
public record AppDirectories(Path configDir, Path dataDir) {

    /** The data dir of versions before the installers; kept when it exists so no history is lost. */
    static final String LEGACY_DATA_DIR = ".highway";

    /** This machine's directories, for the given environment (the real one merged with {@code .env}). */
    public static AppDirectories of(Map<String, String> env) {
        return resolve(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                Files::isDirectory);
    }

    /**
     * A pure function of its arguments: the environment, {@code os.name}, the home directory and a
     * way to ask whether a directory exists (so tests never look at a real home).
     */
    public static AppDirectories resolve(Map<String, String> env, String osName, Path home,
            Predicate<Path> directoryExists) {
        String os = osName.toLowerCase(Locale.ROOT);
        Path config;
        Path data;
        if (os.startsWith("windows")) {
            String appDataValue = env.get("APPDATA");
            Path appData = appDataValue == null || appDataValue.isBlank()
                    ? home.resolve("AppData").resolve("Roaming") : Path.of(appDataValue.trim());
            config = appData.resolve("Highway");
            data = config;
        } else if (os.startsWith("mac") || os.startsWith("darwin")) {
            config = home.resolve("Library").resolve("Application Support").resolve("Highway");
            data = config;
        } else {
            config = absolute(env.get("XDG_CONFIG_HOME")).orElse(home.resolve(".config")).resolve("highway");
            data = absolute(env.get("XDG_DATA_HOME")).orElse(home.resolve(".local").resolve("share"))
                    .resolve("highway");
        }
        Path legacy = home.resolve(LEGACY_DATA_DIR);
        if (directoryExists.test(legacy)) {
            data = legacy;
        }
        String override = env.get("HIGHWAY_DATA_DIR");
        if (override != null && !override.isBlank()) {
            data = Path.of(override.trim());
        }
        return new AppDirectories(config, data);
    }

    /** The {@code .env} an installed app reads when the working directory has none. */
    public Path envFile() {
        return configDir.resolve(".env");
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    /** The current log file; older ones are rolled over beside it. */
    public Path logFile() {
        return logDir().resolve(Installation.LOG_FILE_NAME);
    }

    /** XDG base directories must be absolute; a relative value is ignored, as the spec says. */
    private static java.util.Optional<Path> absolute(String value) {
        if (value == null || value.isBlank()) {
            return java.util.Optional.empty();
        }
        Path p = Path.of(value.trim());
        return p.isAbsolute() ? java.util.Optional.of(p) : java.util.Optional.empty();
    }
}
