package app.highway.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the call history lives: a PostgreSQL database shared by a fleet of bridges when {@code url}
 * is set ({@code HIGHWAY_DATABASE_URL}), else SQLite in the data dir, which needs no configuration.
 * The password is a {@link Secret}; one written into the URL is taken out of it when the settings
 * are read, and {@link #maskedUrl()} masks any that is left, so the URL can be logged.
 */
public record DatabaseSettings(String url, String user, Secret password) {
    /** The zero-configuration default: SQLite in the data dir. */
    public static final DatabaseSettings SQLITE = new DatabaseSettings("", "", Secret.of(""));
    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    public DatabaseSettings {
        url = url == null ? "" : url.trim();
        user = user == null ? "" : user.trim();
        password = password == null ? Secret.of("") : password;
    }

    /**
     * From {@code HIGHWAY_DATABASE_URL}, {@code _USER} and {@code _PASSWORD}. A {@code password=}
     * parameter in the URL is moved out of it (the setting wins if both are given): the driver, the
     * pool and Flyway all log the URL they are given.
     */
    static DatabaseSettings from(Map<String, String> env) {
        String url = env.getOrDefault("HIGHWAY_DATABASE_URL", "");
        url = url == null ? "" : url.trim();
        Secret password = Secret.of(env.get("HIGHWAY_DATABASE_PASSWORD"));
        String inUrl = null;
        int query = url.indexOf('?');
        if (query >= 0) {
            List<String> kept = new ArrayList<>();
            for (String parameter : url.substring(query + 1).split("&")) {
                if (parameter.toLowerCase(Locale.ROOT).startsWith("password=")) {
                    inUrl = URLDecoder.decode(parameter.substring("password=".length()), StandardCharsets.UTF_8);
                } else if (!parameter.isEmpty()) {
                    kept.add(parameter);
                }
            }
            url = url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        }
        if (!password.isPresent() && inUrl != null) {
            password = Secret.of(inUrl);
        }
        DatabaseSettings settings = new DatabaseSettings(url, env.get("HIGHWAY_DATABASE_USER"), password);
        if (settings.isPostgres() && !settings.url.toLowerCase(Locale.ROOT).startsWith(POSTGRES_PREFIX)) {
            throw new ConfigException("HIGHWAY_DATABASE_URL must be a PostgreSQL JDBC URL like "
                    + "jdbc:postgresql://host:5432/highway (leave it empty for SQLite in the data dir); got "
                    + settings.maskedUrl());
        }
        return settings;
    }

    /** Whether the history is in PostgreSQL (a URL is set) rather than SQLite in the data dir. */
    public boolean isPostgres() {
        return !url.isEmpty();
    }

    /** The URL as it may be logged: a password left in it ({@code //user:password@host}) reads {@code ****}. */
    public String maskedUrl() {
        return url.replaceAll("(?i)([?&;]password=)[^&;#]*", "$1****")
                .replaceAll("(//[^/@:?#]*:)[^/@?#]*@", "$1****@");
    }

    @Override
    public String toString() {
        return isPostgres() ? maskedUrl() + (user.isEmpty() ? "" : " as " + user) : "SQLite in the data dir";
    }
}
