package app.highway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Call settings persisted as {@code settings.json} in the data dir; the current value is always valid. */
public final class SettingsStore {
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicReference<CallSettings> current;

    public SettingsStore(Path dataDir, CallSettings defaults) {
        this.file = dataDir.resolve("settings.json");
        this.current = new AtomicReference<>(load(defaults));
    }

    public CallSettings current() {
        return current.get();
    }

    /** Validates, persists and makes the settings current for the next call. */
    public void save(CallSettings settings) {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("settings.json.tmp");
            json.writeValue(tmp.toFile(), settings);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save settings to " + file, e);
        }
        current.set(settings);
    }

    private CallSettings load(CallSettings defaults) {
        if (!Files.exists(file)) {
            return defaults;
        }
        try {
            CallSettings loaded = json.readValue(file.toFile(), CallSettings.class);
            if (loaded.problems().isEmpty()) {
                return loaded;
            }
            log.warn("Ignoring saved settings in {}: {}", file, loaded.problems());
        } catch (IOException e) {
            log.warn("Ignoring unreadable settings file {}: {}", file, e.getMessage());
        }
        return defaults;
    }
}
