package app.highway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files in which a bridge kept its settings, prices and system-message versions before they moved
 * into the store ({@code settings.json}, {@code prices.json}, {@code transcription-prices.json},
 * {@code prompts.json} in the data dir). At the first start after the upgrade each is imported into the
 * store, then renamed with {@code .imported} appended, so that it is never read again (and the operator
 * sees what happened to it). A file found when the store already holds what it would give (another bridge
 * of the fleet imported its own, or the store was filled since) is renamed with {@code .unused} appended.
 */
public final class LegacyFiles {
    private static final Logger log = LoggerFactory.getLogger(LegacyFiles.class);

    private LegacyFiles() {
    }

    /** {@code name} in {@code dataDir}, if there is such a file (null dir: none). */
    public static Optional<Path> find(Path dataDir, String name) {
        if (dataDir == null) {
            return Optional.empty();
        }
        Path file = dataDir.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Renames {@code file} out of the way: imported into the store, or unused because the store had it. */
    public static void retire(Path file, boolean imported) {
        Path to = file.resolveSibling(file.getFileName() + (imported ? ".imported" : ".unused"));
        try {
            Files.move(file, to, StandardCopyOption.REPLACE_EXISTING);
            if (imported) {
                log.info("Imported {} into the store (the file is now {}: the store is read from now on)", file,
                        to.getFileName());
            } else {
                log.warn("Not imported {}: the store already holds what it gives (the file is now {})", file,
                        to.getFileName());
            }
        } catch (IOException e) {
            log.warn("Could not rename {} to {} ({}); it is not read again while the store holds its content", file,
                    to.getFileName(), e.getMessage());
        }
    }
}
