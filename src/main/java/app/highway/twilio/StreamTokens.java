package app.highway.twilio;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Single-use tokens that let exactly one media stream in for one call. A token is issued before
 * the call is placed, bound to Twilio's CallSid once known, and consumed by the stream's
 * {@code start}; a replayed, foreign or expired token is refused.
 */
public final class StreamTokens {
    private record Grant(String callId, String callSid, Instant expires) { }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    public StreamTokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    public String issue(String callId) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        grants.put(token, new Grant(callId, null, clock.instant().plus(lifetime)));
        return token;
    }

    public void bind(String token, String callSid) {
        grants.computeIfPresent(token, (t, g) -> new Grant(g.callId(), callSid, g.expires()));
    }

    public void revoke(String token) {
        grants.remove(token);
    }

    /** Forgets any unused token of a call that has ended. */
    public void revokeCall(String callId) {
        grants.values().removeIf(g -> g.callId().equals(callId));
    }

    /** The call id if the token is live and bound to this CallSid; the token is spent either way. */
    public Optional<String> redeem(String token, String callSid) {
        if (token == null) {
            return Optional.empty();
        }
        Grant grant = grants.remove(token);
        if (grant == null || grant.expires().isBefore(clock.instant())
                || grant.callSid() == null || !grant.callSid().equals(callSid)) {
            return Optional.empty();
        }
        return Optional.of(grant.callId());
    }

    public int outstanding() {
        grants.values().removeIf(g -> g.expires().isBefore(clock.instant()));
        return grants.size();
    }
}
