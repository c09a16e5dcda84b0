package app.highway.store;

/** The call history could not be read or written; the message says which and why. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
