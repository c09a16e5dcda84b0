package app.highway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The control API's bearer token: {@code HIGHWAY_API_TOKEN}, or one generated once and kept in the data dir. */
public final class ApiTokens {
    private ApiTokens() {
    }

    /**
     * Where the token is kept: empty when {@code HIGHWAY_API_TOKEN} sets it (then no file is read or
     * written). Ask before {@link #resolve}'s token is put into the config.
     */
    public static java.util.Optional<Path> file(AppConfig config) {
        return config.apiToken().isPresent() ? java.util.Optional.empty()
                : java.util.Optional.of(config.dataDir().resolve("api-token"));
    }

    public static Secret resolve(AppConfig config) {
        if (config.apiToken().isPresent()) {
            return config.apiToken();
        }
        Path file = config.dataDir().resolve("api-token");
        try {
            if (Files.exists(file)) {
                String saved = Files.readString(file).trim();
                if (!saved.isEmpty()) {
                    return Secret.of(saved);
                }
            }
            Files.createDirectories(config.dataDir());
            byte[] bytes = new byte[24];
            new SecureRandom().nextBytes(bytes);
            String token = HexFormat.of().formatHex(bytes);
            Files.writeString(file, token + "\n");
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system (Windows): the user's profile directory protects it
            }
            return Secret.of(token);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the API token file " + file, e);
        }
    }
}
