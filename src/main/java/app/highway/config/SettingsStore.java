package app.highway.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call settings the next call uses, kept in the store as the shared document {@code settings} (so
 * every bridge of a fleet uses the same); the current value is always valid and read from memory. A
 * save made on another bridge is picked up by {@link #reload} (the fleet calls it when told).
 * Before the store held them they were {@code settings.json} in the data dir: imported at the first
 * start (see {@link LegacyFiles}). Never saved: the defaults.
 */
public final class SettingsStore {
    static final String DOCUMENT = "settings";
    static final String LEGACY_FILE = "settings.json";
    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final SharedDocuments shared;
    private final ObjectMapper json = new ObjectMapper();
    private final VersionedDocument.Format<CallSettings> format = new VersionedDocument.Format<>() {
        @Override
        public CallSettings read(String text) throws IOException {
            return json.readValue(text, CallSettings.class);
        }

        @Override
        public String write(CallSettings settings) {
            try {
                return json.writeValueAsString(settings);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Settings that cannot be written as JSON", e);
            }
        }

        @Override
        public List<String> problems(CallSettings settings) {
            return settings.problems();
        }
    };
    private final VersionedDocument<CallSettings> document;

    /**
     * The settings of {@code shared}, after importing {@code settings.json} from {@code legacyDataDir} (null:
     * nothing to import) if the store has none yet. Blocks (reads the store).
     */
    public SettingsStore(SharedDocuments shared, CallSettings defaults, Path legacyDataDir) {
        this.shared = shared;
        LegacyFiles.find(legacyDataDir, LEGACY_FILE).ifPresent(this::importFile);
        this.document = new VersionedDocument<>(shared, DOCUMENT, "settings", defaults, format);
    }

    public CallSettings current() {
        return document.current();
    }

    /**
     * Validates, saves and makes the settings current for the next call. Refused with a
     * {@link ConcurrentChange} if another bridge saved settings since this one last read them (they are
     * read again). May block.
     */
    public void save(CallSettings settings) {
        var problems = settings.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        document.save(settings, CallSettings::equals, "The call settings were changed on another bridge meanwhile: "
                + "look at them again and save your change again");
    }

    /** Reads the settings again from the store (another bridge saved them). May block. */
    public void reload() {
        document.reload();
    }

    /** Runs {@code listener} after every save made here (not after a {@link #reload}). */
    public void onSaved(Runnable listener) {
        document.onSaved(listener);
    }

    private void importFile(Path file) {
        if (shared.read(DOCUMENT).isPresent()) {
            LegacyFiles.retire(file, false);
            return;
        }
        CallSettings loaded;
        try {
            loaded = json.readValue(file.toFile(), CallSettings.class);
        } catch (IOException e) {
            log.warn("Ignoring unreadable settings file {}: {}", file, e.getMessage());
            return;
        }
        if (!loaded.problems().isEmpty()) {
            log.warn("Ignoring saved settings in {}: {}", file, loaded.problems());
            return;
        }
        // another bridge importing at the same moment: one of the two files wins, the other is unused
        LegacyFiles.retire(file, shared.write(DOCUMENT, 0, format.write(loaded), Instant.now()));
    }
}
