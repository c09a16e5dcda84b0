package app.highway.config;

/**
 * A save refused because what it would replace was changed meanwhile (on another bridge of the fleet):
 * the store now holds the other save; look at it and save again.
 */
public final class ConcurrentChange extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConcurrentChange(String message) {
        super(message);
    }
}
