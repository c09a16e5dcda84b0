package app.highway.team;

/**
 * A token just made: {@code secret} is shown to its holder once, here, and never again (the bridge
 * keeps only its hash). {@link #toString()} leaves the secret out, so that logging this by mistake
 * leaks nothing.
 */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=" + TokenSecrets.PREFIX + "…]";
    }
}
