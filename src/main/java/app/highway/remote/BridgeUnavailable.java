package app.highway.remote;

/** The bridge could not be reached, or answered with a failure of its own (5xx): worth trying again later. */
public final class BridgeUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BridgeUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
