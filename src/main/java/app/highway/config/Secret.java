package app.highway.config;

/**
 * A credential that must never reach a log line, an exception message or the UI unmasked.
 * {@link #toString()} masks it; only {@link #reveal()} gives the value, and only the code that
 * authenticates with it calls that.
 */
public final class Secret {
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return new Secret(value == null ? "" : value.trim());
    }

    public boolean isPresent() {
        return !value.isEmpty();
    }

    public String reveal() {
        return value;
    }

    /** A short hint an operator can recognise ("sk-p…4f2a") without exposing the secret. */
    public String masked() {
        if (value.isEmpty()) {
            return "(not set)";
        }
        if (value.length() < 12) {
            return "****";
        }
        return value.substring(0, 4) + "…" + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return masked();
    }
}
