package app.highway.team;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Personal API tokens: 256 random bits from {@link SecureRandom}, written {@code hwy_} + 43 base64url
 * characters, so that one is recognisable in a config file, a shell history or a secret scanner's
 * report, and never mistaken for the bridge's own (hex) token.
 *
 * <p>The store keeps only the SHA-256 of a token, and a request's token is looked up by that hash.
 * A fast, unsalted hash is enough here, unlike for passwords: bcrypt, scrypt and Argon2 are slow to
 * make guessing a low-entropy secret (a password) expensive, but a 256-bit random token cannot be
 * guessed or brute-forced from its hash however fast the hash is, and no two tokens are alike, so a
 * salt would protect nothing either. A leaked table of hashes therefore gives no usable token, and
 * the lookup stays one indexed query per request (a slow hash would cost tens of milliseconds each).
 */
public final class TokenSecrets {
    /** Every personal token starts with this. */
    public static final String PREFIX = "hwy_";
    private static final int BYTES = 32;
    private static final Pattern SHAPE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{43}");
    private static final Pattern ANYWHERE = Pattern.compile(Pattern.quote(PREFIX) + "[A-Za-z0-9_-]{20,}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    /** A new token, to be shown once to its holder. */
    public static String generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new token id ({@code tok_} + 12 hex digits): public, short enough to type in {@code users revoke}. */
    public static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return "tok_" + HexFormat.of().formatHex(bytes);
    }

    /** The SHA-256 of the token's exact text, as 64 lower-case hex digits: what the store keeps and looks up. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Whether {@code text} has the shape of a personal token (no store is asked about anything else). */
    public static boolean looksLikeOne(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }

    /** {@code text} with anything shaped like a personal token replaced by {@code hwy_…}: for audit details. */
    public static String redact(String text) {
        return text == null ? null : ANYWHERE.matcher(text).replaceAll(PREFIX + "…");
    }
}
