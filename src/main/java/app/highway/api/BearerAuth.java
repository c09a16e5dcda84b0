package app.highway.api;

import app.highway.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The control API's bearer token check: {@code Authorization: Bearer <token>}. The scheme is
 * case-insensitive (RFC 7235: {@code bearer} works too); the token is compared exactly, in
 * constant time, on the header line as this request sent it (nothing is cached across the
 * requests of a kept-alive connection).
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer";

    private final byte[] expected;

    BearerAuth(Secret token) {
        this.expected = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(String header) {
        if (header == null) {
            return false;
        }
        String value = header.trim();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !Character.isWhitespace(value.charAt(SCHEME.length()))) {
            return false;
        }
        byte[] given = value.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return expected.length > 0 && MessageDigest.isEqual(expected, given);
    }
}
