package app.highway.api;

import app.highway.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The control API's bearer token check: {@code Authorization: Bearer <token>}. The scheme is
 * case-insensitive (RFC 7235: {@code bearer} works too); the token is compared exactly, in
 * constant time, on the header line as this request sent it (nothing is cached across the
 * requests of a kept-alive connection). This checks the bridge's own token; a personal token is
 * looked up by its hash ({@link TokenGate}).
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer";

    private final byte[] expected;

    BearerAuth(Secret token) {
        this.expected = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the header carries the bridge's own token. */
    boolean allows(String header) {
        Optional<String> given = token(header);
        return given.isPresent() && expected.length > 0
                && MessageDigest.isEqual(expected, given.get().getBytes(StandardCharsets.UTF_8));
    }

    /** The token of a {@code Bearer} header, exactly as sent; empty for any other header or none. */
    static Optional<String> token(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        return Optional.of(value.substring(SCHEME.length()).trim());
    }
}
