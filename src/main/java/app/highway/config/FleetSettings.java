package app.highway.config;

import java.time.Duration;
import java.util.Map;

/**
 * How this bridge takes part in a fleet sharing one database: its id ({@code HIGHWAY_BRIDGE_ID};
 * empty means one generated once and kept in the data dir, see {@link BridgeIds}), how often it
 * renews its lease, and how long a lease lasts without renewal before the other bridges take the
 * bridge for dead and mark its live calls lost. The lease must outlast a couple of missed renewals,
 * so a slow renewal (a GC pause, a busy database) does not end calls that are still up.
 */
public record FleetSettings(String bridgeId, Duration heartbeat, Duration lease) {
    public static final int DEFAULT_HEARTBEAT_SECONDS = 5;
    public static final int DEFAULT_LEASE_SECONDS = 30;
    /** Letters, digits, dot, dash, underscore: it is written into end reasons and log lines. */
    static final String ID_PATTERN = "[A-Za-z0-9._-]{1,64}";

    static FleetSettings from(Map<String, String> env) {
        String id = env.getOrDefault("HIGHWAY_BRIDGE_ID", "");
        id = id == null ? "" : id.trim();
        if (!id.isEmpty() && !id.matches(ID_PATTERN)) {
            throw new ConfigException("HIGHWAY_BRIDGE_ID must be 1 to 64 letters, digits, '.', '-' or '_'; got " + id);
        }
        int heartbeat = seconds(env, "HIGHWAY_BRIDGE_HEARTBEAT_SECONDS", DEFAULT_HEARTBEAT_SECONDS);
        int lease = seconds(env, "HIGHWAY_BRIDGE_LEASE_SECONDS", DEFAULT_LEASE_SECONDS);
        if (lease < 2 * heartbeat) {
            throw new ConfigException("HIGHWAY_BRIDGE_LEASE_SECONDS (" + lease + ") must be at least twice "
                    + "HIGHWAY_BRIDGE_HEARTBEAT_SECONDS (" + heartbeat + "), so that one late renewal does not end "
                    + "this bridge's calls");
        }
        return new FleetSettings(id, Duration.ofSeconds(heartbeat), Duration.ofSeconds(lease));
    }

    private static int seconds(Map<String, String> env, String key, int fallback) {
        String v = env.get(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                throw new ConfigException(key + " must be at least 1 (seconds), got: " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number of seconds, got: " + v);
        }
    }
}
