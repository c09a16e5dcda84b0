package app.highway.call;

/**
 * The number may not be called from this bridge: a country outside {@code HIGHWAY_ALLOWED_COUNTRIES}
 * or a number type a verification call never needs ({@link NumberPolicy}). {@link #error()} is the
 * API's error word for it.
 */
public class NumberNotAllowed extends Exception {
    private final String error;

    public NumberNotAllowed(String error, String message) {
        super(message);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
