package app.highway.api;

import app.highway.config.Secret;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The control API's bearer token check: {@code Authorization: Bearer <token>}. The scheme is
 * case-insensitive (RFC 7235: {@code bearer} works too); the token is compared exactly, in
 * constant time. Jetty's header cache must be case-sensitive for this to hold on a kept-alive
 * connection (see {@link HttpApi}): otherwise it hands back an earlier line that differs only in case.
 */
final class BearerAuth {
    private static final String SCHEME = "Bearer";

    private final byte[] expected;

    BearerAuth(Secret token) {
        this.expected = token.reveal().getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(Context ctx) {
        return allows(ctx.header("Authorization"));
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
