package app.highway.ui.connect;

import app.highway.config.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * How the console was asked to start: with a bridge of its own (the default), with the connection dialog
 * ({@code --connect}), or straight onto a bridge ({@code HIGHWAY_CONNECT_URL} and {@code HIGHWAY_CONNECT_TOKEN},
 * for scripted starts; without the token, the dialog opens with the address filled in).
 */
public record ConnectRequest(boolean dialog, Optional<String> url, Optional<Secret> token) {
    public static final ConnectRequest EMBEDDED = new ConnectRequest(false, Optional.empty(), Optional.empty());

    public static ConnectRequest from(boolean connectFlag, Map<String, String> env) {
        Optional<String> url = nonBlank(env.get("HIGHWAY_CONNECT_URL"));
        Optional<Secret> token = nonBlank(env.get("HIGHWAY_CONNECT_TOKEN")).map(Secret::of);
        boolean direct = url.isPresent() && token.isPresent();
        return new ConnectRequest(!direct && (connectFlag || url.isPresent()), url, token);
    }

    /** Whether the console attaches to a bridge elsewhere instead of running one. */
    public boolean remote() {
        return dialog || url.isPresent() && token.isPresent();
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
