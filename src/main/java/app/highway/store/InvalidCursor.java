package app.highway.store;

/** A paging cursor that this store did not give out (garbled, truncated, or made up). */
public final class InvalidCursor extends IllegalArgumentException {
    public InvalidCursor(String message) {
        super(message);
    }
}
