package app.highway.config;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every saved version of the system message and the verification template, with when and by whom it was
 * saved, kept in the store (one row per version, {@link Rows}) so that a version number means the same text
 * on every bridge of a fleet. Version 1 is the seed's text. Each call records the version it used (in its
 * settings). Before the store held them they were {@code prompts.json} in the data dir: imported at the
 * first start (see {@link LegacyFiles}).
 */
public final class PromptHistory {
    static final String LEGACY_FILE = "prompts.json";
    /** Saves that lost the race for a version number to other bridges this many times in a row give up. */
    private static final int ATTEMPTS = 20;

    /** One saved version; {@code savedBy} is the OS user who saved it (null for the seed and older files). */
    public record Version(int version, Instant savedAt, String instructions, String verificationTemplate,
            String savedBy) {
        public Version(int version, Instant savedAt, String instructions, String verificationTemplate) {
            this(version, savedAt, instructions, verificationTemplate, null);
        }

        /** The same text as {@code other}. */
        public boolean sameText(String otherInstructions, String otherTemplate) {
            return instructions.equals(otherInstructions) && verificationTemplate.equals(otherTemplate);
        }
    }

    /** Where the versions are kept ({@code store.SqlSharedSettings}); every method may block. */
    public interface Rows {
        /** Every saved version, oldest first. */
        List<Version> all();

        /** Saves {@code version} unless its number is taken (by another bridge): false then. */
        boolean insert(Version version);
    }

    private static final Logger log = LoggerFactory.getLogger(PromptHistory.class);
    private final Rows rows;
    private final Clock clock;
    private final List<Runnable> saved = new CopyOnWriteArrayList<>();
    private volatile List<Version> versions;

    /**
     * The versions of {@code rows}, after importing {@code prompts.json} from {@code legacyDataDir} (null:
     * nothing to import) if the store has none yet; a fresh store gets the seed's text as version 1. Blocks.
     */
    public PromptHistory(Rows rows, Clock clock, Path legacyDataDir) {
        this.rows = rows;
        this.clock = clock;
        List<Version> stored = rows.all();
        var file = LegacyFiles.find(legacyDataDir, LEGACY_FILE);
        if (file.isPresent()) {
            if (stored.isEmpty()) {
                importFile(file.get());
            } else {
                LegacyFiles.retire(file.get(), false);
            }
        }
        if (stored.isEmpty()) {
            // a second bridge seeding at the same moment finds the number taken: the same seed either way
            rows.insert(new Version(1, Instant.EPOCH, CallSettings.SEED_SYSTEM_MESSAGE,
                    CallSettings.DEFAULT_VERIFICATION_TEMPLATE));
        }
        this.versions = List.copyOf(rows.all());
    }

    public List<Version> versions() {
        return versions;
    }

    /**
     * Saves a new version, or returns the saved version with the same text if there is one (going back
     * to an older text makes that version current again, never a duplicate of it).
     */
    public Version save(String instructions, String template) {
        return save(instructions, template, savedBy());
    }

    /**
     * As {@link #save(String, String)}, saved by {@code savedBy} (a person on a shared bridge). The new
     * version takes the next number of the whole fleet (it reads the store first, and tries the next
     * number again if another bridge took this one meanwhile). Blocks.
     */
    public synchronized Version save(String instructions, String template, String savedBy) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Version> now = rows.all();
            for (int i = now.size() - 1; i >= 0; i--) {
                if (now.get(i).sameText(instructions, template)) {
                    versions = List.copyOf(now);
                    return now.get(i);
                }
            }
            int next = now.isEmpty() ? 1 : now.get(now.size() - 1).version() + 1;
            Version v = new Version(next, clock.instant(), instructions, template, savedBy);
            if (rows.insert(v)) {
                List<Version> all = new ArrayList<>(now);
                all.add(v);
                versions = List.copyOf(all);
                for (Runnable r : saved) {
                    try {
                        r.run();
                    } catch (RuntimeException e) {
                        log.warn("A system-message listener failed: {}", e.toString());
                    }
                }
                return v;
            }
        }
        throw new ConcurrentChange("Other bridges kept saving system messages: save yours again");
    }

    /** Reads the versions again from the store (another bridge saved one). Blocks. */
    public synchronized void reload() {
        versions = List.copyOf(rows.all());
    }

    /** Runs {@code listener} after every new version saved here (not after a {@link #reload}). */
    public void onSaved(Runnable listener) {
        saved.add(listener);
    }

    private void importFile(Path file) {
        List<Version> old;
        try {
            old = Json.mapper().readValue(file.toFile(), new TypeReference<List<Version>>() { });
        } catch (IOException e) {
            log.warn("Ignoring unreadable prompt history {}: {}", file, e.getMessage());
            return;
        }
        boolean all = true;
        for (Version v : old) {
            all &= rows.insert(v);
        }
        LegacyFiles.retire(file, all);
    }

    /** Who saves: the OS user name (the console has no accounts). */
    private static String savedBy() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? null : user;
    }
}
