package app.highway.team;

/**
 * What a person asked for is refused, with a stable {@link #error()} word and a message for people:
 * the API turns the {@link Kind} into its status (403, 404, 409, 400), the command line into its
 * exit code. Thrown by the rules of {@link Team}, {@link Audit} and the bridge's controls.
 */
public final class Refusal extends RuntimeException {
    /** Why: not allowed for this role, no such thing, it clashes with what exists, or the input is wrong. */
    public enum Kind { FORBIDDEN, NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String error;

    public Refusal(Kind kind, String error, String message) {
        super(message);
        this.kind = kind;
        this.error = error;
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "forbidden", message);
    }

    public Kind kind() {
        return kind;
    }

    public String error() {
        return error;
    }
}
