package app.highway.ui.connect;

import app.highway.config.Json;
import app.highway.config.Secret;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridges this person connected to, newest first ({@code console-bridges.json} in their config dir), and
 * the tokens they chose to keep ({@code bridge-tokens.json} beside it, readable and writable by its owner only,
 * written that way from its first byte). A token is only ever read back to connect: never logged, and shown
 * masked. Every method touches the disk: off the FX thread.
 */
public final class SavedBridges {
    private static final Logger log = LoggerFactory.getLogger(SavedBridges.class);
    public static final String BRIDGES_FILE = "console-bridges.json";
    public static final String TOKENS_FILE = "bridge-tokens.json";
    /** How many bridges the dialog offers. */
    static final int KEEP = 5;

    private final Path dir;
    private final ObjectMapper json = Json.mapper();

    public SavedBridges(Path configDir) {
        this.dir = configDir;
    }

    /** The bridges connected to, newest first (at most {@link #KEEP}). */
    public synchronized List<String> recent() {
        try {
            Path file = dir.resolve(BRIDGES_FILE);
            return Files.exists(file) ? json.readValue(file.toFile(), new TypeReference<List<String>>() { })
                    : List.of();
        } catch (IOException e) {
            log.warn("Could not read the bridges connected to before ({}); offering none", e.getMessage());
            return List.of();
        }
    }

    /** The token kept for {@code bridge}, if one was. */
    public synchronized Optional<Secret> token(String bridge) {
        String token = tokens().get(bridge);
        return token == null ? Optional.empty() : Optional.of(Secret.of(token));
    }

    /** Remembers a successful connection: {@code bridge} first, and its token if {@code keepToken} (else forgets it). */
    public synchronized void remember(String bridge, Secret token, boolean keepToken) {
        List<String> bridges = new ArrayList<>(recent());
        bridges.remove(bridge);
        bridges.add(0, bridge);
        Map<String, String> tokens = tokens();
        if (keepToken) {
            tokens.put(bridge, token.reveal());
        } else {
            tokens.remove(bridge);
        }
        try {
            Files.createDirectories(dir);
            write(dir.resolve(BRIDGES_FILE), bridges.subList(0, Math.min(KEEP, bridges.size())), false);
            tokens.keySet().retainAll(bridges.subList(0, Math.min(KEEP, bridges.size())));
            write(dir.resolve(TOKENS_FILE), tokens, true);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remember the bridge in " + dir, e);
        }
    }

    private Map<String, String> tokens() {
        Path file = dir.resolve(TOKENS_FILE);
        try {
            return Files.exists(file) ? json.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, String>>() { })
                    : new LinkedHashMap<>();
        } catch (IOException e) {
            log.warn("Could not read the kept tokens in {}; none is offered", file);
            return new LinkedHashMap<>();
        }
    }

    /** Writes through a temporary file; a secret one is created owner-only before anything is written to it. */
    private void write(Path target, Object value, boolean secret) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(tmp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
