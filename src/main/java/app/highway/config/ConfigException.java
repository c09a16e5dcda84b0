package app.highway.config;

/** A configuration value is wrong; the message names the variable and is safe to show. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
