package app.highway.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every saved version of the system message and the verification template, with when it was
 * saved, kept in {@code prompts.json} in the data dir. Version 1 is the seed's text. Each call
 * records the version it used (in its settings).
 */
public final class PromptHistory {
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

    private static final Logger log = LoggerFactory.getLogger(PromptHistory.class);
    private final Path file;
    private final ObjectMapper json = Json.mapper();
    private final Clock clock;
    private final List<Version> versions = new ArrayList<>();

    public PromptHistory(Path dataDir, Clock clock) {
        this.file = dataDir.resolve("prompts.json");
        this.clock = clock;
        if (Files.exists(file)) {
            try {
                versions.addAll(json.readValue(file.toFile(), new TypeReference<List<Version>>() { }));
            } catch (IOException e) {
                log.warn("Ignoring unreadable prompt history {}: {}", file, e.getMessage());
            }
        }
        if (versions.isEmpty()) {
            versions.add(new Version(1, Instant.EPOCH, CallSettings.SEED_SYSTEM_MESSAGE,
                    CallSettings.DEFAULT_VERIFICATION_TEMPLATE));
        }
    }

    public synchronized List<Version> versions() {
        return List.copyOf(versions);
    }

    /**
     * Saves a new version, or returns the saved version with the same text if there is one (going back
     * to an older text makes that version current again, never a duplicate of it).
     */
    public Version save(String instructions, String template) {
        return save(instructions, template, savedBy());
    }

    /** As {@link #save(String, String)}, saved by {@code savedBy} (a person on a shared bridge). */
    public synchronized Version save(String instructions, String template, String savedBy) {
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (versions.get(i).sameText(instructions, template)) {
                return versions.get(i);
            }
        }
        Version latest = versions.get(versions.size() - 1);
        Version v = new Version(latest.version() + 1, clock.instant(), instructions, template, savedBy);
        versions.add(v);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("prompts.json.tmp");
            json.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), versions);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            versions.remove(v);
            throw new UncheckedIOException("Could not save the prompt history to " + file, e);
        }
        return v;
    }

    /** Who saves: the OS user name (the console has no accounts). */
    private static String savedBy() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? null : user;
    }
}
