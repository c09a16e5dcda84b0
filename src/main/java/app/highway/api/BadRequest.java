package app.highway.api;

/** A request the API refuses with a 4xx status (400 unless told) and a clear message. */
final class BadRequest extends RuntimeException {
    private final int status;
    private final String error;

    BadRequest(String error, String message) {
        this(400, error, message);
    }

    BadRequest(int status, String error, String message) {
        super(message);
        this.status = status;
        this.error = error;
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
