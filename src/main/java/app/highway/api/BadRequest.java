package app.highway.api;

/** A request the API refuses with 400 and a clear message. */
final class BadRequest extends RuntimeException {
    private final String error;

    BadRequest(String error, String message) {
        super(message);
        this.error = error;
    }

    String error() {
        return error;
    }
}
