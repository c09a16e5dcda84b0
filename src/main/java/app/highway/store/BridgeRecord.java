package app.highway.store;

import java.time.Instant;

/**
 * One bridge of a fleet as the {@code bridges} table holds it: where it runs, when it started, when
 * it last renewed its lease and until when the lease runs; {@code takenOverBy} names the bridge that
 * took an expired lease over to end its calls (null while the bridge itself holds it).
 */
public record BridgeRecord(String id, String host, String baseUrl, Instant startedAt, Instant lastHeartbeat,
        Instant leaseExpiresAt, String takenOverBy) { }
