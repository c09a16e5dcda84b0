package app.highway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * This bridge's id in a fleet: {@code HIGHWAY_BRIDGE_ID}, or one generated on first start and kept
 * in {@code bridge-id} in the data dir, so a restarted bridge knows its own calls again. Generated
 * ids read as the host name and a random part ({@code web-1-3fa9c2d1}), so an end reason naming a
 * lost bridge says where it ran.
 */
public final class BridgeIds {
    static final String FILE_NAME = "bridge-id";

    private BridgeIds() {
    }

    public static String resolve(AppConfig config) {
        if (!config.fleet().bridgeId().isEmpty()) {
            return config.fleet().bridgeId();
        }
        Path file = config.dataDir().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String saved = Files.readString(file).trim();
                if (saved.matches(FleetSettings.ID_PATTERN)) {
                    return saved;
                }
            }
            Files.createDirectories(config.dataDir());
            String id = generate(hostName());
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the bridge id file " + file, e);
        }
    }

    static String generate(String host) {
        String prefix = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("(^-+|-+$)", "");
        if (prefix.length() > 40) {
            prefix = prefix.substring(0, 40);
        }
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return (prefix.isEmpty() ? "bridge" : prefix) + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Where this bridge runs, as people know the machine: the host name from the environment where
     * the system sets it (no name lookup), else the JVM's.
     */
    public static String hostName() {
        for (String key : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String v = System.getenv(key);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
