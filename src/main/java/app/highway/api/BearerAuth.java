package app.highway.api;

import app.highway.config.Secret;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The control API's bearer token check, in constant time. */
final class BearerAuth {
    private final byte[] expected;

    BearerAuth(Secret token) {
        this.expected = ("Bearer " + token.reveal()).getBytes(StandardCharsets.UTF_8);
    }

    boolean allows(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8));
    }
}
