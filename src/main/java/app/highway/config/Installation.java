package app.highway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What this running copy is and where its files are, as the About dialog and the first log lines
 * tell an operator: version, the directories, the {@code .env} that was read (if any) and the log file
 * (if logging to a file is on).
 */
public record Installation(BuildInfo build, AppDirectories directories, Optional<Path> envFile,
        Optional<Path> logFile) {

    /** Set by the launcher before the first logger exists; {@code logback.xml} writes there when it is set. */
    public static final String LOG_DIR_PROPERTY = "highway.logDir";
    public static final String LOG_FILE_NAME = "highway.log";

    /** The log file logback writes, when the launcher turned file logging on. */
    public static Optional<Path> currentLogFile() {
        String dir = System.getProperty(LOG_DIR_PROPERTY);
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir).resolve(LOG_FILE_NAME));
    }

    /** For a bridge started without the launcher (tests, benchmarks): its data dir, no {@code .env}. */
    public static Installation forDataDir(Path dataDir) {
        AppDirectories machine = AppDirectories.of(System.getenv());
        return new Installation(BuildInfo.load(), new AppDirectories(machine.configDir(), dataDir), Optional.empty(),
                currentLogFile());
    }
}
