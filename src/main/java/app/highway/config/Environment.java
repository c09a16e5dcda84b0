package app.highway.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads {@code .env} from a directory, then lets real environment variables win. */
public final class Environment {
    private Environment() {
    }

    public static Map<String, String> load(Path directory) {
        Map<String, String> values = new HashMap<>();
        Dotenv dotenv = Dotenv.configure()
                .directory(directory.toString())
                .ignoreIfMissing()
                .ignoreIfMalformed()
                .load();
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            values.put(entry.getKey(), entry.getValue());
        }
        values.putAll(System.getenv());
        return values;
    }
}
