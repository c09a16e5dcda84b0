package app.highway.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one {@code .env} file, then lets real environment variables win. Logs nothing: it runs
 * before logging is set up.
 */
public final class Environment {
    public static final String FILE_NAME = ".env";

    private Environment() {
    }

    /** The first {@code .env} in the given directories, in order (the working directory, then the config dir). */
    public static Optional<Path> find(List<Path> directories) {
        return directories.stream().map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile).findFirst();
    }

    /** {@code .env} from one directory (if it has one) merged under the real environment. */
    public static Map<String, String> load(Path directory) {
        return load(find(List.of(directory)));
    }

    /** The given {@code .env} (if any) merged under the real environment. */
    public static Map<String, String> load(Optional<Path> envFile) {
        Map<String, String> values = new HashMap<>();
        envFile.ifPresent(file -> {
            Dotenv dotenv = Dotenv.configure()
                    .directory(file.toAbsolutePath().getParent().toString())
                    .filename(file.getFileName().toString())
                    .ignoreIfMissing()
                    .ignoreIfMalformed()
                    .load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                values.put(entry.getKey(), entry.getValue());
            }
        });
        values.putAll(System.getenv());
        return values;
    }
}
